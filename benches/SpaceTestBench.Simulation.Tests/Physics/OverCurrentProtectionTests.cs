using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// The DUT's own over-current protection on its core rail, against a fault load the test agent switches across the
/// rail: a limiter holds the current at its level and switches the rail off after its response time; a latch stays
/// off until the rail is power-cycled, an auto-retry comes back by itself; a path carrying more than its continuous
/// rating for longer than its surge rating allows is damaged, and the damage stays through power cycles and a
/// checkpoint of the world's state.
/// </summary>
public sealed class OverCurrentProtectionTests
{
    // Path rated 1 A continuous and 3 A for 10 ms: (9 − 1) A² × 10 ms = 0.08 A²·s above its continuous rating.
    private static readonly OverCurrentProtectionSpec Limiter = new(TripAmperes: 0.6, ResponseSeconds: 1e-3, ProtectionRecovery.Latch)
    {
        LimitAmperes = 0.7, ContinuousAmperes = 1, SurgeAmperes = 3, SurgeSeconds = 0.01, DamagedOhms = 2,
    };

    private Rig _rig = null!;
    private PoweredDut _dut = null!;

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    private async Task StartAsync(OverCurrentProtectionSpec protection)
    {
        _rig = Rig.Create(TestDuts.Plain with { Protections = new Dictionary<string, OverCurrentProtectionSpec> { ["core"] = protection } }, seed: 5);
        _dut = await PoweredDut.StartAsync(_rig);
        await _dut.PowerOnAsync();
        await _dut.Supply.SetCurrentLimitAsync(1, 5);
    }

    [Test]
    public async Task A_latching_limiter_holds_the_fault_at_its_level_switches_the_rail_off_and_stays_off_until_a_power_cycle()
    {
        await StartAsync(Limiter);
        var before = await _dut.Supply.MeasureCurrentAsync(1);

        await _dut.Agent.ApplyRailOverloadAsync("core", 0.1);
        _rig.Advance(TimeSpan.FromMilliseconds(0.5));
        var limiting = await _dut.Supply.MeasureCurrentAsync(1);
        _rig.Advance(TimeSpan.FromMilliseconds(1));
        var off = await _dut.Supply.MeasureCurrentAsync(1);
        await _dut.Agent.ClearRailOverloadsAsync();
        _rig.AdvanceSeconds(5);
        var stillOff = await _dut.StatusAsync();
        await _dut.Supply.SetOutputAsync(1, false);
        _rig.AdvanceSeconds(0.1);
        await _dut.Supply.SetOutputAsync(1, true);
        _rig.AdvanceSeconds(2);

        Assert.That(limiting, Is.EqualTo(0.7).Within(0.01), "held at the limiter's level, not the 5 A the supply could give");
        Assert.That(off, Is.LessThan(0.01), "switched off after its 1 ms response");
        Assert.That(stillOff, Is.EqualTo(DutStatus.Off), "latched: the fault gone, the rail stays off");
        Assert.That(await _dut.StatusAsync(), Is.EqualTo(DutStatus.Idle), "a power cycle brings it back");
        Assert.That(await _dut.Supply.MeasureCurrentAsync(1), Is.EqualTo(before).Within(0.005), "undamaged: 0.7 A is within the path's 1 A rating");
    }

    [Test]
    public async Task An_auto_retrying_protection_brings_the_rail_back_by_itself_once_the_fault_is_gone()
    {
        await StartAsync(Limiter with { Recovery = ProtectionRecovery.AutoRetry, RetrySeconds = 0.1 });

        await _dut.Agent.ApplyRailOverloadAsync("core", 0.1);
        _rig.Advance(TimeSpan.FromMilliseconds(2));
        await _dut.Agent.ClearRailOverloadsAsync();
        var off = await _dut.StatusAsync();
        _rig.AdvanceSeconds(0.1 + TestDuts.Plain.Workload.BootSeconds + 0.01);

        Assert.That(off, Is.EqualTo(DutStatus.Off));
        Assert.That(await _dut.StatusAsync(), Is.EqualTo(DutStatus.Idle), "on again after its retry period, and booted");
    }

    [Test]
    public async Task A_protection_too_slow_for_its_paths_surge_rating_lets_the_fault_damage_it_and_the_damage_survives_power_cycles_and_a_checkpoint()
    {
        // A breaker (no limiting) at 0.6 A taking 50 ms: 5 A from the supply heats the path at (25 − 1) A² = 24 A²,
        // through its 0.08 A²·s in 3.3 ms, long before the breaker opens.
        await StartAsync(Limiter with { LimitAmperes = null, ResponseSeconds = 0.05, DamagedOhms = 20 });
        var before = await _dut.Supply.MeasureCurrentAsync(1);

        await _dut.Agent.ApplyRailOverloadAsync("core", 0.1);
        _rig.Advance(TimeSpan.FromMilliseconds(100));
        await _dut.Agent.ClearRailOverloadsAsync();
        await _dut.PowerOffAsync();
        _rig.AdvanceSeconds(1);
        await _dut.PowerOnAsync();
        var after = await _dut.Supply.MeasureCurrentAsync(1);
        var status = await _dut.StatusAsync();
        var saved = _rig.Facility.CaptureState();

        await using var restored = Rig.Create(TestDuts.Plain with { Protections = new Dictionary<string, OverCurrentProtectionSpec> { ["core"] = Limiter } }, seed: 5);
        restored.Facility.RestoreState(saved);

        Assert.That(status, Is.EqualTo(DutStatus.Failed), "a damaged part fails");
        Assert.That(after - before, Is.EqualTo(1.8 / 20).Within(0.005), "the damaged path leaves 20 Ω across the rail");
        Assert.That(restored.Facility.Dut.DamagedRails, Is.EqualTo(new[] { "core" }), "the damage is the DUT's physical state: a resumed world has it");
    }
}
