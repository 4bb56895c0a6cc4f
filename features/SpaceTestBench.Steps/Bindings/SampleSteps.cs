using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Steps about the sample under test. Each destructive procedure runs on its own sample: a facility mounts
/// a fresh one (at ambient temperature and pressure, with everything that acts on the DUT in its safe
/// state) and identifies it.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.Dut)]
public sealed class SampleSteps(BenchSession bench, IScenarioContext scenario, SampleRegister samples, ScenarioSamples sample, SamplePlan plan)
{
    private static readonly TimeSpan AmbientTimeout = TimeSpan.FromHours(6);
    private const double AmbientKelvin = 298.15;
    private const double AmbientToleranceKelvin = 5;
    private const double AtmosphericPascal = 90_000;
    private const int MaximumMounts = 1000;

    /// <summary>
    /// Puts the bench in its safe state (beam shutter closed, gamma source down, outputs off, chamber to
    /// ambient), waits for the chamber to reach ambient and vents it if it is under vacuum, then mounts a
    /// fresh sample and records its identity as the next sample of the scenario's plan (a sample event with
    /// its number and serial). A simulated bench mounts the next sample of the lot itself, never one whose
    /// serial the run has already used; on a real bench the operator mounts it before the run, and the step
    /// refuses a sample another scenario of the run has already used.
    /// </summary>
    [Given("a fresh sample of the DUT is mounted")]
    [StepExample("Given a fresh sample of the DUT is mounted")]
    [RequiresRole(BenchRoles.ThermalChamber, Optional = true)]
    public async Task FreshSample()
    {
        await ToExchangeStateAsync();
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        if (bench.Simulation is not null)
        {
            await MountFreshSimulatedAsync(agent, destructive: true, "a fresh sample mounted by the simulated facility");
            return;
        }

        var identity = await agent.Instrument.IdentifyDutAsync();
        RefuseUnnamed(identity.SerialNumber);
        if (samples.Claim(identity.SerialNumber, scenario.ScenarioInfo.Title) is { } earlier)
        {
            throw new InvalidOperationException(
                $"The sample on the bench ({identity.SerialNumber}) already served the scenario '{earlier}' of this run, and this bench cannot exchange samples by itself. " +
                "Mount a fresh sample and run the remaining scenarios (select them with --tags or --features).");
        }

        sample.Announce(identity, "mounted by the operator");
    }

    /// <summary>
    /// For a non-destructive procedure (electrical tests within the part's ratings): puts the bench in its safe
    /// state as for a fresh sample, then keeps the sample on the bench if no destructive procedure of this run has
    /// used it (irradiated, thermally stressed), and records its identity as the scenario's sample. A simulated
    /// bench mounts a fresh sample in place of one a destructive procedure used; a real bench refuses it, naming
    /// the scenario that used it. A resumed run counts every sample the interrupted run used as used
    /// destructively (its record does not tell which procedures were), so it may take a fresh one sooner.
    /// </summary>
    [Given("a sample of the DUT that no destructive test has used is mounted")]
    [StepExample("Given a sample of the DUT that no destructive test has used is mounted")]
    [RequiresRole(BenchRoles.ThermalChamber, Optional = true)]
    public async Task UndamagedSample()
    {
        await ToExchangeStateAsync();
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var identity = await agent.Instrument.IdentifyDutAsync();
        if (samples.Named.Count > 0 && !samples.Named.Contains(identity.SerialNumber))
        {
            if (bench.Simulation is null)
            {
                RefuseUnnamed(identity.SerialNumber);
            }

            await MountFreshSimulatedAsync(agent, destructive: false, $"a sample the campaign names, mounted by the simulated facility in place of {identity.SerialNumber}, which the campaign does not name");
            return;
        }

        if (samples.Reuse(identity.SerialNumber, scenario.ScenarioInfo.Title) is not { } usedBy)
        {
            sample.Announce(identity, "the sample on the bench, kept: no destructive test of this run has used it");
            return;
        }

        if (bench.Simulation is not null)
        {
            await MountFreshSimulatedAsync(agent, destructive: false, $"a fresh sample mounted by the simulated facility in place of {identity.SerialNumber}, which the destructive scenario '{usedBy}' used");
            return;
        }

        throw new InvalidOperationException(
            $"The sample on the bench ({identity.SerialNumber}) served the destructive scenario '{usedBy}' of this run, and this bench cannot exchange samples by itself. " +
            "Mount a sample no destructive test has used and run the remaining scenarios (select them with --tags or --features).");
    }

    /// <summary>
    /// Mounts a total-dose sample plan in the gamma cell (MIL-STD-883 TM 1019 / ESCC 22900 practice; the counts are the
    /// procurement specification's, at least 5 + 5 + 1 in ECSS-Q-ST-60-15C and MIL-PRF-38535 Group E): after the safe
    /// state of a sample exchange, fresh samples of one lot, each announced with its number and serial: the biased ones
    /// on the irradiation board with every rail held at its maximum rated supply voltage (worst-case static bias), the
    /// unbiased ones on the board with their leads grounded, the controls beside the cell, out of the field. Every
    /// parametric test of the scenario then tests each sample in turn on the test station. A campaign that names its
    /// samples must name enough unused ones for the whole plan; the step refuses, naming how many, before mounting any.
    /// </summary>
    [Given("a sample plan is mounted in the gamma cell: {int} irradiated biased at the maximum rated supply voltages, {int} irradiated unbiased, {int} unirradiated as control")]
    [StepExample("Given a sample plan is mounted in the gamma cell: 5 irradiated biased at the maximum rated supply voltages, 5 irradiated unbiased, 1 unirradiated as control")]
    [RequiresRole(BenchRoles.GammaSource)]
    [RequiresRole(BenchRoles.DutSupply)]
    [RequiresRole(BenchRoles.ThermalChamber, Optional = true)]
    public async Task MountSamplePlan(int biased, int unbiased, int control)
    {
        if (biased < 0 || unbiased < 0 || control < 0 || biased + unbiased == 0)
        {
            throw new ArgumentException($"A sample plan irradiates at least one sample and counts no group below zero; this one has {biased} biased, {unbiased} unbiased and {control} control samples.");
        }

        var total = biased + unbiased + control;
        if (samples.Named.Count > 0 && samples.UnusedNamed() is { } unused && unused.Count < total)
        {
            throw new InvalidOperationException(
                $"The sample plan of '{scenario.ScenarioInfo.Title}' needs {total} samples ({biased} biased, {unbiased} unbiased, {control} control), and the campaign names {unused.Count} this run has not used" +
                $"{(unused.Count > 0 ? $" ({string.Join(", ", unused)})" : "")}. Name {total - unused.Count} more (--sample, or the campaign's sample serials), or select fewer total-dose scenarios.");
        }

        if (bench.Simulation is not { } simulation)
        {
            throw new NotSupportedException(
                "This bench cannot mount a sample plan by itself: a simulated Co-60 cell mounts the lot on its irradiation board and switches each sample to the test station. " +
                "On this bench run the plan's samples one per run, naming each with --sample.");
        }

        await ToExchangeStateAsync();
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var groups = new[] { (SampleGroup.Biased, biased), (SampleGroup.Unbiased, unbiased), (SampleGroup.Control, control) };
        var mounted = 0;
        foreach (var (group, count) in groups)
        {
            for (var i = 1; i <= count; i++)
            {
                var where = group == SampleGroup.Control ? "kept beside the cell, out of the field" : group == SampleGroup.Biased
                    ? "on the irradiation board, every rail held at its maximum rated supply voltage"
                    : "on the irradiation board, its leads grounded";
                var serial = await MountFreshSimulatedAsync(agent, destructive: group != SampleGroup.Control,
                    $"the plan's {(group == SampleGroup.Control ? "unirradiated control" : $"{(group == SampleGroup.Biased ? "biased" : "unbiased")} sample")} {i} of {count}, {where}", keepLot: mounted++ > 0);
                simulation.PlaceInLot(plan.BoardBias(group), inField: group != SampleGroup.Control);
                plan.Add(sample.Current, serial, group);
            }
        }
    }

    /// <summary>
    /// Takes a lot of fresh samples for a procedure that stresses them together, unpowered, off the DUT's station (the
    /// basket of a thermal shock chamber, MIL-STD-883 TM 1010): each announced with its number and serial, so the plan
    /// counts them and the report lists them (ISO/IEC 17025 §7.8.2.1 k). The count is the procurement specification's. A
    /// simulated facility takes the next fresh samples of its lot (after the safe state of a sample exchange); on a real
    /// bench the operator has loaded the samples the campaign names (--sample), and the step refuses, naming how many,
    /// when it names fewer this run has not used.
    /// </summary>
    [Given("a lot of {int} fresh samples of the DUT is taken, each identified by its serial")]
    [StepExample("Given a lot of 5 fresh samples of the DUT is taken, each identified by its serial")]
    [RequiresRole(BenchRoles.ThermalChamber, Optional = true)]
    public async Task TakeLot(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        if (bench.Simulation is null)
        {
            if (samples.UnusedNamed() is var unused && unused.Count < count)
            {
                throw new InvalidOperationException(
                    $"The lot of '{scenario.ScenarioInfo.Title}' needs {count} samples, and the campaign names {unused.Count} this run has not used" +
                    $"{(unused.Count > 0 ? $" ({string.Join(", ", unused)})" : "")}. Name the samples the operator loaded (--sample, or the campaign's sample serials).");
            }

            var identity = await agent.Instrument.IdentifyDutAsync();
            for (var i = 1; i <= count; i++)
            {
                var named = samples.NextNamed(scenario.ScenarioInfo.Title);
                _ = samples.Claim(named, scenario.ScenarioInfo.Title);
                sample.Announce(identity with { SerialNumber = named }, $"lot sample {i} of {count}, loaded by the operator");
            }

            return;
        }

        await ToExchangeStateAsync();
        for (var i = 1; i <= count; i++)
        {
            await MountFreshSimulatedAsync(agent, destructive: true, $"lot sample {i} of {count}, taken by the simulated facility");
        }
    }

    /// <summary>The bench in its safe state, the chamber at ambient and vented: what exchanging (or keeping) a sample starts from.</summary>
    private async Task ToExchangeStateAsync()
    {
        await bench.SafeStateAsync();
        if (bench.HasRole(BenchRoles.ThermalChamber))
        {
            await ReturnChamberToAmbientAsync(bench.Role<IThermalChamber>(BenchRoles.ThermalChamber).Instrument);
        }
    }

    /// <summary>On a bench whose campaign names its samples, refuses one it does not name.</summary>
    private void RefuseUnnamed(string serial)
    {
        if (samples.Named.Count > 0 && !samples.Named.Contains(serial))
        {
            throw new InvalidOperationException(
                $"The sample on the bench ({serial}) is not one the campaign names ({string.Join(", ", samples.Named)}). Mount one of those, or name this one (--sample).");
        }
    }

    /// <summary>Mounts a fresh sample in the simulated facility (keeping the lot in the cell when <paramref name="keepLot"/>), claims and announces it; returns its serial.</summary>
    private async Task<string> MountFreshSimulatedAsync(BenchRole<IDutAgent> agent, bool destructive, string how, bool keepLot = false)
    {
        var simulation = bench.Simulation!;
        if (samples.Named.Count > 0)
        {
            // The campaign names its samples: the simulated facility mounts the next one it names, with that serial.
            var named = samples.NextNamed(scenario.ScenarioInfo.Title);
            simulation.MountFreshSample(named, keepLot);
            _ = destructive ? samples.Claim(named, scenario.ScenarioInfo.Title) : samples.Reuse(named, scenario.ScenarioInfo.Title);
            sample.Announce(await agent.Instrument.IdentifyDutAsync(), how);
            return named;
        }

        // A simulated facility numbers its samples from the profile's serial each time it starts, so a
        // resumed run or a second bench on the same profile can offer a serial this run has already
        // recorded: mount the next one until the serial is fresh to the run.
        string serial;
        for (var attempt = 0; ; attempt++)
        {
            serial = simulation.MountFreshSample(keepLot: keepLot);
            var usedBy = destructive ? samples.Claim(serial, scenario.ScenarioInfo.Title) : samples.Reuse(serial, scenario.ScenarioInfo.Title);
            if (usedBy is null)
            {
                break;
            }

            if (attempt >= MaximumMounts)
            {
                throw new InvalidOperationException($"The simulated facility offered {MaximumMounts} samples whose serials ({serial}, …) this run has already used.");
            }
        }

        // The serial is the one this scenario claimed, whatever the agent is asked later.
        var mounted = await agent.Instrument.IdentifyDutAsync();
        sample.Announce(mounted with { SerialNumber = serial }, how);
        return serial;
    }

    private async Task ReturnChamberToAmbientAsync(IThermalChamber chamber)
    {
        var reached = await bench.WaitUntilAsync(
            async ct => Math.Abs(await chamber.MeasureAirTemperatureAsync(ct) - AmbientKelvin) < AmbientToleranceKelvin,
            TimeSpan.FromMinutes(5), AmbientTimeout);
        if (!reached)
        {
            throw new TimeoutException($"The thermal chamber did not return to ambient within {AmbientTimeout.TotalHours:0} h of bench time; the sample cannot be exchanged.");
        }

        // Vent only once warm: venting a cold chamber condenses water on whatever is inside.
        if (bench.Definition.RoleProvides(BenchRoles.ThermalChamber, typeof(IThermalVacuumChamber))
            && bench.Role<IThermalVacuumChamber>(BenchRoles.ThermalChamber).Instrument is var vacuum
            && await vacuum.MeasurePressureAsync() < AtmosphericPascal)
        {
            await vacuum.SetVacuumAsync(false);
            var vented = await bench.WaitUntilAsync(async ct => await vacuum.MeasurePressureAsync(ct) >= AtmosphericPascal, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
            if (!vented)
            {
                throw new TimeoutException("The thermal chamber did not vent to atmospheric pressure within 1 h of bench time; the sample cannot be exchanged.");
            }
        }
    }
}
