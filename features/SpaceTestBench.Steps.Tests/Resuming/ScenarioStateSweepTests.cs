using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Reqnroll;
using SpaceTestBench.Gherkin;
using Reqnroll.BoDi;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Procedures;
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Tests.Resuming;

/// <summary>
/// Every binding, present and future, is resumable: the sweep finds every <c>[Binding]</c> class and what it is
/// built from, and each of their fields is either a collaborator (injected again), data a checkpoint can hold, or
/// marked with the reason a resumed scenario does without it. A new binding with a delegate, a live bench object
/// or an interface in a field fails here until it says how it resumes.
/// </summary>
public class ScenarioStateSweepTests
{
    private static readonly Assembly Steps = typeof(DutSupplySteps).Assembly;

    [Test]
    public void The_sweep_finds_every_binding_and_every_procedure_the_bindings_are_built_from()
    {
        var types = ScenarioState.ScopedTypes(Steps);
        var bindings = Steps.GetTypes().Where(t => t.GetCustomAttribute<BindingAttribute>() is not null).ToList();
        Assert.That(bindings, Has.Count.GreaterThan(10));
        Assert.That(types, Is.SupersetOf(bindings));
        Assert.That(types, Does.Contain(typeof(BeamRuns)).And.Contain(typeof(DutParametrics)).And.Contain(typeof(ScenarioSamples)).And.Contain(typeof(ThermalCycling)));
        Assert.That(types, Does.Not.Contain(typeof(SampleRegister)), "run-scoped, marked");
        Assert.That(types, Does.Not.Contain(typeof(ScenarioCheckpoints)), "run-scoped, marked");
    }

    [Test]
    public void Every_field_of_every_scenario_scoped_type_is_checkpointable_or_says_why_a_resume_does_without_it()
    {
        var problems = ScenarioState.ScopedTypes(Steps)
            .SelectMany(t => ScenarioState.StateFields(t).Select(f => (Type: t, Field: f, Why: ScenarioState.WhyNotCheckpointable(f))))
            .Where(x => x.Why is not null)
            .Select(x => $"{x.Type.Name}.{x.Field.Name} is {x.Why}: checkpoint it as data, or mark it [NotScenarioState(\"why a resumed scenario does without it\")]")
            .ToList();
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Every_exclusion_states_its_reason()
    {
        var marks = Steps.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Cast<MemberInfo>()
                .Concat(t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)).Append(t))
            .Select(m => m.GetCustomAttribute<NotScenarioStateAttribute>())
            .OfType<NotScenarioStateAttribute>()
            .ToList();
        Assert.That(marks, Is.Not.Empty);
        Assert.That(marks.Select(m => m.Reason), Has.All.Length.GreaterThan(20));
    }

    [Test]
    public void The_state_a_step_established_comes_back_in_a_fresh_scenario_and_a_capture_of_it_is_the_same()
    {
        // Two scenario containers over one run container, as a run and its resume have: state set in the first (the settling
        // criteria, the workload) is captured, restored into the second.
        var types = ScenarioState.ScopedTypes(Steps).Where(t => t == typeof(ThermalCycling) || t == typeof(RunningWorkload)).ToList();
        var first = Scenario();
        var cycling = first.Resolve<ThermalCycling>();
        cycling.ToleranceKelvin = 0.5;
        cycling.RateWindow = TimeSpan.FromMinutes(42);
        first.Resolve<RunningWorkload>().Workload = SpaceTestBench.Instruments.Roles.DutWorkload.Inference;
        var state = ScenarioState.Capture(first, types);

        var second = Scenario();
        ScenarioState.Restore(second, types, JsonNode.Parse(state.ToJsonString())!.AsObject());


        Assert.That(second.Resolve<ThermalCycling>().ToleranceKelvin, Is.EqualTo(0.5));
        Assert.That(second.Resolve<ThermalCycling>().RateWindow, Is.EqualTo(TimeSpan.FromMinutes(42)));
        Assert.That(second.Resolve<RunningWorkload>().Workload, Is.EqualTo(SpaceTestBench.Instruments.Roles.DutWorkload.Inference));
        Assert.That(ScenarioState.Capture(second, types).ToJsonString(), Is.EqualTo(state.ToJsonString()));
    }

    // Objects as a scenario container would hold them, without a bench: their constructors only keep their collaborators.
    private static ObjectContainer Scenario()
    {
        var container = new ObjectContainer();
        container.RegisterInstanceAs((ThermalCycling)RuntimeHelpers.GetUninitializedObject(typeof(ThermalCycling)));
        return container;
    }
}
