using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>The workload the scenario keeps running on the DUT, so a procedure that resets or power-cycles the DUT restarts it.</summary>
public sealed class RunningWorkload
{
    /// <summary>The workload, or null if none was started.</summary>
    public DutWorkload? Workload { get; set; }
}
