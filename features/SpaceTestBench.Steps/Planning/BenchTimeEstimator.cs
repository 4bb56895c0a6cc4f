namespace SpaceTestBench.Steps.Planning;

/// <summary>Estimates one step's bench time from its arguments and what the scenario set up before it, without running it.</summary>
/// <param name="context">The scenario being planned (its settings so far, the bench, the DUT profile, the planned chamber).</param>
/// <param name="arguments">The step's converted arguments.</param>
public delegate StepEstimate BenchTimeEstimator(PlanContext context, StepArguments arguments);
