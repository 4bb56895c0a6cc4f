using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Procedures;
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>Steps for the DUT role, through its test agent: workloads, the functional test, the on-die monitors.</summary>
[Binding]
[RequiresRole(BenchRoles.Dut)]
public sealed class DutSteps(BenchSession bench, ScenarioRecorder results, RunningWorkload running, SamplePlan plan) : IReestablishOnResume
{
    /// <summary>A resumed scenario whose DUT was running a workload: once the DUT is up again, it runs it again (a power cycle stopped it).</summary>
    public async Task ReestablishAsync(DateTimeOffset settingsRestoredAt, CancellationToken cancellationToken)
    {
        if (running.Workload is { } workload && bench.HasRole(BenchRoles.Dut) && await DutRails.WaitUntilUpAsync(bench, cancellationToken)
            && await Agent.Instrument.GetStatusAsync(cancellationToken) != DutStatus.Running)
        {
            await Agent.Instrument.StartWorkloadAsync(workload, cancellationToken);
        }
    }

    private BenchRole<IDutAgent> Agent => bench.Role<IDutAgent>(BenchRoles.Dut);

    /// <summary>
    /// Runs the DUT's built-in functional test: it passes with code 0, else the agent's reason (201 not powered, 202
    /// hung, 203 booting, 204 failed). With a sample plan, every sample of the plan in turn on the test station.
    /// </summary>
    [Then("the DUT passes its functional test")]
    [StepExample("Then the DUT passes its functional test")]
    public async Task FunctionalTest()
    {
        if (!plan.IsPlanned)
        {
            await FunctionalTestAsync(bench, results, null);
            return;
        }

        foreach (var member in plan.Members)
        {
            await plan.TestOnStationAsync(member);
            await FunctionalTestAsync(bench, results, new Dictionary<string, Quantity>(StringComparer.Ordinal) { [WellKnownConditions.Sample] = new(member.Number, Units.One) });
        }

        await plan.ToExposureBiasAsync();
    }

    /// <summary>Starts the memory test (march and scrub: every corrected upset is counted) and clears the counters.</summary>
    [Given("the DUT runs its memory test")]
    [StepExample("Given the DUT runs its memory test")]
    public Task MemoryTest() => StartAsync(DutWorkload.MemoryTest);

    /// <summary>Starts AI inference compared against the golden model (every mismatch is counted) and clears the counters.</summary>
    [Given("the DUT runs AI inference against its golden model")]
    [StepExample("Given the DUT runs AI inference against its golden model")]
    public Task Inference() => StartAsync(DutWorkload.Inference);

    /// <summary>Reads the on-die junction temperature and judges it against the maximum the DUT profile rates the part for.</summary>
    [Then("the DUT junction temperature is within its rating")]
    [StepExample("Then the DUT junction temperature is within its rating")]
    public async Task JunctionWithinRating()
    {
        var measured = await JunctionTemperatureAsync(bench, results);
    }

    /// <summary>Runs the functional test and records it; <paramref name="conditions"/> say where (e.g. the chamber temperature).</summary>
    internal static async Task<MeasurementRecorded> FunctionalTestAsync(BenchSession bench, ScenarioRecorder results, IReadOnlyDictionary<string, Quantity>? conditions)
    {
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var outcome = await agent.Instrument.RunFunctionalTestAsync();
        if (!outcome.Passed)
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"Functional test failed: {Reason(outcome.Code)}.");
        }

        var recorded = results.Measure(
            "functional test result", new Quantity(outcome.Code, Units.One), Limit.Within(new Quantity(0, Units.One), new Quantity(0, Units.One)),
            BenchRoles.Dut, agent.InstrumentLabel, conditions, FunctionalTestDecision);
        return recorded;
    }

    /// <summary>Where the functional test's limit comes from: the test itself, whose result code 0 is its pass.</summary>
    private static readonly string FunctionalTestDecision =
        LimitSources.Procedure("the DUT's functional test passes (its agent's result code 0; any other code names the check that failed)");

    /// <summary>Reads the junction temperature and records it against the DUT profile's rating (unjudged).</summary>
    internal static async Task<MeasurementRecorded> JunctionTemperatureAsync(BenchSession bench, ScenarioRecorder results, IReadOnlyDictionary<string, Quantity>? conditions = null)
    {
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var kelvin = await agent.Instrument.MeasureJunctionTemperatureAsync();
        var rating = bench.Dut.Physics?.Thermal?.MaximumJunctionKelvin;
        return results.Measure(
            "DUT junction temperature", Quantity.FromSi(kelvin, Units.DegreeCelsius),
            rating is { } max ? Limit.AtMost(Quantity.FromSi(max, Units.DegreeCelsius)) : null,
            BenchRoles.Dut, agent.InstrumentLabel, conditions,
            rating is null ? null : LimitSources.Decision(LimitSources.Profile(bench.Dut, "$.thermal.maximumJunctionTemperature", "the part's rated maximum junction temperature (the profile states no document for it)")));
    }

    /// <summary>What the agent's reason code means.</summary>
    internal static string Reason(int code) => code switch
    {
        0 => "passed",
        201 => "201, the DUT is not powered",
        202 => "202, the DUT is hung",
        203 => "203, the DUT is still booting",
        204 => "204, the DUT has failed permanently",
        _ => $"{code}",
    };

    private async Task StartAsync(DutWorkload workload)
    {
        var status = await Agent.Instrument.GetStatusAsync();
        if (status is not (DutStatus.Idle or DutStatus.Running))
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"The DUT cannot start its {workload}: its agent reports it {status}.");
            await FunctionalTestAsync(bench, results, null);
        }

        await Agent.Instrument.StartWorkloadAsync(workload);
        await Agent.Instrument.ClearCountersAsync();
        running.Workload = workload;
    }
}
