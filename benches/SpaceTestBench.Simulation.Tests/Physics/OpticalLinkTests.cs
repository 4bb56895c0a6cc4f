using MathNet.Numerics;
using SpaceTestBench.Instruments.Anritsu;
using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Keysight;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// The optical path DUT transmitter → link emulator → attenuator → DUT receiver, measured by the BERT:
/// received power from transmit power and losses, BER from received power for the modulation, errors counted
/// over the gated bit count, acquisition, Doppler tolerance, latency, pointing loss and fading.
/// </summary>
public sealed class OpticalLinkTests
{
    private const double PhotonEnergy = 6.62607015e-34 * 299_792_458 / 1550e-9;

    private static readonly OpticalTerminalSpec Dpsk = new(
        OpticalModulation.DifferentialPhaseShiftKeying, 1e9, 1550e-9, Watts(-10), 15e-6, 0, 3, 10e9, 4, Watts(-58), 25e-6);

    private static readonly OpticalTerminalSpec Ook = new(
        OpticalModulation.OnOffKeying, 10e9, 1550e-9, Watts(-10), 15e-6, Watts(-35), 0, 2e9, 4, Watts(-45), 5e-6);

    private Rig _rig = null!;
    private PoweredDut _dut = null!;
    private KeysightN7764A _voa = null!;
    private FacilityLinkEmulator _link = null!;
    private AnritsuMP1900A _bert = null!;

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task The_attenuator_meter_reads_transmit_power_less_insertion_loss_and_attenuation()
    {
        await OpenAsync(Dpsk);
        await _voa.SetAttenuationAsync(1, 20);
        await _dut.PowerOnAsync();
        var shut = Dbm(await _voa.MeasureOutputPowerAsync(1));
        await _voa.SetShutterOpenAsync(1, true);

        var dbm = Dbm(await _voa.MeasureOutputPowerAsync(1));

        Assert.That(shut, Is.EqualTo(KeysightN7764ASimulator.NoiseFloorDbm).Within(0.05), "the shutter starts closed: the meter sees its noise floor");
        Assert.That(dbm, Is.EqualTo(-10 - 1.5 - 20).Within(0.05));
    }

    [Test]
    public async Task DPSK_errors_follow_half_exp_minus_photons_per_bit_at_the_received_power()
    {
        await OpenAsync(Dpsk);
        var received = await LockAtAsync(43.8);
        var result = await GateAsync(10);

        var photons = received * Math.Pow(10, -0.3) / (PhotonEnergy * 1e9);
        var expected = 0.5 * Math.Exp(-photons);
        Assert.That(photons, Is.EqualTo(11.5).Within(0.1));
        Assert.That(result.Bits, Is.EqualTo(1e10).Within(1), "1 Gbps gated for 10 s");
        Assert.That(result.Errors!.Value, Is.EqualTo(expected * 1e10).Within(5 * Math.Sqrt(expected * 1e10)));
        Assert.That(result.BitErrorRatio!.Value, Is.EqualTo(expected).Within(expected * 0.05));
    }

    [Test]
    public async Task OOK_errors_follow_half_erfc_of_Q_over_root_two_with_Q_proportional_to_power()
    {
        // 1.5 dB below the -35 dBm sensitivity: Q = 6 × 10^(-0.15) = 4.25, BER ≈ 1e-5.
        await OpenAsync(Ook);
        var received = await LockAtAsync(25); // -10 dBm - 1.5 dB - 25 dB = -36.5 dBm
        var result = await GateAsync(1);

        var q = OpticalTerminalSpec.QFactorAtSensitivity * received / Watts(-35);
        var expected = 0.5 * SpecialFunctions.Erfc(q / Math.Sqrt(2));
        Assert.That(q, Is.EqualTo(4.25).Within(0.02));
        Assert.That(result.Errors!.Value, Is.EqualTo(expected * 1e10).Within(5 * Math.Sqrt(expected * 1e10)));
    }

    [Test]
    public async Task Above_sensitivity_a_gate_of_ten_billion_bits_sees_next_to_nothing()
    {
        await OpenAsync(Ook);
        await LockAtAsync(20);
        var result = await GateAsync(1);

        Assert.That(result.Errors, Is.LessThanOrEqualTo(2), "-31.5 dBm on a -35 dBm receiver: BER ~1e-17");
        Assert.That(result.Bits, Is.EqualTo(1e10).Within(1));
    }

    [Test]
    public async Task With_the_detector_on_another_pattern_it_is_out_of_sync_and_half_the_bits_are_wrong()
    {
        await OpenAsync(Dpsk);
        await LockAtAsync(20);
        await _bert.SetPrbsPatternAsync(31);
        await using (var raw = await SpaceTestBench.Visa.VisaResourceManager.OpenAsync(_bert.Resource))
        {
            await raw.FormattedIO.WriteLineAsync(":SENS:PATT:PRBS:LENG 23");
            Assert.That(await raw.FormattedIO.QueryAsync(":SENS:PATT:PRBS:LENG?"), Is.EqualTo("23"));
        }

        var result = await GateAsync(1);

        Assert.That(result.BitErrorRatio!.Value, Is.EqualTo(0.5).Within(0.001));
    }

    [Test]
    public async Task The_terminal_locks_one_acquisition_time_after_the_signal_is_there_and_reports_it()
    {
        await OpenAsync(Dpsk);
        await _voa.SetAttenuationAsync(1, 20);
        await _voa.SetShutterOpenAsync(1, true);
        await _dut.PowerOnAsync();
        var searching = await _dut.Agent.GetLinkStateAsync();
        _rig.AdvanceSeconds(4);

        Assert.That(searching, Is.EqualTo(OpticalLinkState.Searching));
        Assert.That(await _dut.Agent.GetLinkStateAsync(), Is.EqualTo(OpticalLinkState.Locked));
        Assert.That(await _dut.Agent.GetLastAcquisitionTimeAsync(), Is.EqualTo(4).Within(1e-6));
    }

    [Test]
    public async Task A_Doppler_shift_beyond_the_tracking_range_loses_the_lock()
    {
        await OpenAsync(Ook);
        await LockAtAsync(20);
        await _link.SetDopplerShiftAsync(5e9);
        var lost = await _dut.Agent.GetLinkStateAsync();
        var result = await GateAsync(1);

        Assert.That(lost, Is.EqualTo(OpticalLinkState.Searching), "5 GHz is beyond the ±2 GHz the receiver tracks");
        Assert.That(result.BitErrorRatio!.Value, Is.EqualTo(0.5).Within(0.001));
    }

    [Test]
    public async Task A_Doppler_rate_beyond_the_receivers_tracking_rate_loses_the_lock_and_one_within_it_keeps_it()
    {
        await OpenAsync(Dpsk with { FrequencyTrackingRateHertzPerSecond = 50e6 });
        await LockAtAsync(20);
        await _link.SetDopplerRateAsync(20e6);
        _rig.AdvanceSeconds(1);
        var within = await _dut.Agent.GetLinkStateAsync();
        await _link.SetDopplerRateAsync(-80e6);
        _rig.AdvanceSeconds(1);
        var beyond = await _dut.Agent.GetLinkStateAsync();

        Assert.That(within, Is.EqualTo(OpticalLinkState.Locked), "20 MHz/s is within the 50 MHz/s the frequency loop follows");
        Assert.That(beyond, Is.EqualTo(OpticalLinkState.Searching), "80 MHz/s is beyond it");
    }

    [Test]
    public async Task A_Doppler_shift_drifting_at_its_rate_leaves_the_tracking_range_and_the_lock_with_it()
    {
        await OpenAsync(Ook);
        await LockAtAsync(20);
        await _link.SetDopplerShiftAsync(1.5e9);
        await _link.SetDopplerRateAsync(100e6);
        _rig.AdvanceSeconds(3);
        var before = await _dut.Agent.GetLinkStateAsync();
        var shiftBefore = (await _link.GetEmulationAsync()).DopplerHertz;
        _rig.AdvanceSeconds(3);
        var after = await _dut.Agent.GetLinkStateAsync();
        var shiftAfter = (await _link.GetEmulationAsync()).DopplerHertz;

        Assert.That(shiftBefore, Is.EqualTo(1.8e9).Within(1e6), "1.5 GHz + 100 MHz/s × 3 s");
        Assert.That(before, Is.EqualTo(OpticalLinkState.Locked), "1.8 GHz is inside the ±2 GHz the receiver tracks (the Ook profile states no rate)");
        Assert.That(shiftAfter, Is.EqualTo(2.1e9).Within(1e6));
        Assert.That(after, Is.EqualTo(OpticalLinkState.Searching), "the shift drifted past 2 GHz");
    }

    [Test]
    public async Task Latency_is_range_over_c_plus_the_terminals_processing()
    {
        await OpenAsync(Dpsk);
        await _link.SetRangeAsync(40_741_000);
        await LockAtAsync(20);

        var latency = await _dut.Agent.MeasureLinkLatencyAsync();

        Assert.That(latency, Is.EqualTo((40_741_000 / 299_792_458.0) + 25e-6).Within(1e-9), "GEO-ground at 40,741 km: 135.9 ms one-way");
    }

    [Test]
    public async Task The_mean_pointing_loss_is_that_of_a_Gaussian_beam_under_Gaussian_jitter_around_a_bias()
    {
        await OpenAsync(Dpsk);
        await _link.SetPointingErrorAsync(5e-6, 3e-6);

        var loss = await _link.GetMeanPointingLossAsync();

        var d2 = 15e-6 * 15e-6;
        var s2 = 4 * 5e-6 * 5e-6;
        Assert.That(loss, Is.EqualTo(-10 * Math.Log10(d2 / (d2 + s2) * Math.Exp(-2 * 3e-6 * 3e-6 / (d2 + s2)))).Within(1e-6));
    }

    [Test]
    public async Task Scintillation_at_the_same_mean_power_costs_far_more_errors()
    {
        await OpenAsync(Dpsk);
        await LockAtAsync(43.8);
        var steady = await GateAsync(1);
        await _link.SetFadingAsync(new FadingProfile(FadingKind.LogNormal, 0.3, 5e-3));
        var faded = await GateAsync(1);
        await _link.SetFadingAsync(new FadingProfile(FadingKind.GammaGamma, 0.3, 5e-3));
        var strong = await GateAsync(1);

        Assert.That(faded.Errors, Is.GreaterThan(3 * steady.Errors!.Value), "the BER curve is convex: fades cost more than surges repay");
        Assert.That(strong.Errors, Is.GreaterThan(3 * steady.Errors!.Value));
    }

    [Test]
    public async Task Power_control_holds_the_output_power_when_the_link_loses_power_upstream()
    {
        await OpenAsync(Dpsk);
        await _voa.SetShutterOpenAsync(1, true);
        await _dut.PowerOnAsync();
        await _voa.SetOutputPowerAsync(1, Watts(-40));
        _rig.AdvanceSeconds(1);
        var before = Dbm(await _voa.MeasureOutputPowerAsync(1));
        await _link.SetPointingErrorAsync(0, 8e-6);
        _rig.AdvanceSeconds(1);
        var after = Dbm(await _voa.MeasureOutputPowerAsync(1));

        Assert.That(before, Is.EqualTo(-40).Within(0.05));
        Assert.That(after, Is.EqualTo(-40).Within(0.05), "a 2.5 dB pointing loss upstream is taken out of the attenuation");
    }

    [Test]
    public async Task The_link_budget_at_the_GEO_range_is_that_of_the_textbook_formula_and_the_meter_reads_it()
    {
        // Pr = Pt·Gt·Gr·(λ/4πL)², G = (πD/λ)²: 10 cm and 40 cm at 1550 nm are 106.14 dB and 118.18 dB; 40,741 km is
        // −290.38 dB of free-space loss; 3 dB of atmosphere. From +10 dBm: 10 + 106.14 + 118.18 − 290.38 − 3 = −59.06 dBm
        // (−60.56 dBm metered after the attenuator's 1.5 dB insertion loss, above its −80 dBm floor).
        await OpenAsync(Dpsk with { TransmitPowerWatts = Watts(10) });
        await _link.SetRangeAsync(40_741_000);
        await _link.SetLinkBudgetAsync(1550e-9, 0.10, 0.40, 3);
        await _dut.PowerOnAsync();
        await _voa.SetShutterOpenAsync(1, true);

        var budget = await _link.GetLinkBudgetAsync();
        var metered = Dbm(await _voa.MeasureOutputPowerAsync(1));
        var transmitted = Dbm(await _link.MeasureInputPowerAsync());

        Assert.Multiple(() =>
        {
            Assert.That(budget.TransmitGainDecibels, Is.EqualTo(20 * Math.Log10(Math.PI * 0.10 / 1550e-9)).Within(1e-5).And.EqualTo(106.14).Within(0.01));
            Assert.That(budget.ReceiveGainDecibels, Is.EqualTo(118.18).Within(0.01));
            Assert.That(budget.FreeSpaceLossDecibels, Is.EqualTo(20 * Math.Log10(1550e-9 / (4 * Math.PI * 40_741_000))).Within(1e-5).And.EqualTo(-290.38).Within(0.01));
            Assert.That(budget.PointingLossDecibels, Is.EqualTo(0).Within(1e-12), "no pointing error set");
            Assert.That(budget.AtmosphericLossDecibels, Is.EqualTo(-3));
            Assert.That(budget.TotalDecibels, Is.EqualTo(106.14 + 118.18 - 290.38 - 3).Within(0.02));
            Assert.That(transmitted, Is.EqualTo(10).Within(1e-6), "the emulator's input tap reads the DUT's launched power");
            Assert.That(metered, Is.EqualTo(10 + budget.TotalDecibels - 1.5).Within(0.05), "the budget's power less the attenuator's insertion loss");
        });
    }

    [Test]
    public async Task Ten_times_the_range_costs_twenty_decibels_of_received_power()
    {
        await OpenAsync(Dpsk);
        await _link.SetLinkBudgetAsync(1550e-9, 0.10, 0.10, 0);
        await _dut.PowerOnAsync();
        await _voa.SetShutterOpenAsync(1, true);
        await _link.SetRangeAsync(1_000_000);
        var near = Dbm(await _voa.MeasureOutputPowerAsync(1));
        await _link.SetRangeAsync(10_000_000);
        var far = Dbm(await _voa.MeasureOutputPowerAsync(1));

        Assert.That(near - far, Is.EqualTo(20).Within(0.05));
    }

    [Test]
    public async Task Pointing_error_enters_the_budget_as_its_mean_loss_and_the_received_power_with_it()
    {
        await OpenAsync(Dpsk);
        await _link.SetRangeAsync(5_000_000);
        await _link.SetLinkBudgetAsync(1550e-9, 0.10, 0.10, 0);
        await _dut.PowerOnAsync();
        await _voa.SetShutterOpenAsync(1, true);
        var aligned = Dbm(await _voa.MeasureOutputPowerAsync(1));
        await _link.SetPointingErrorAsync(0, 10e-6);

        var budget = await _link.GetLinkBudgetAsync();
        var pointed = Dbm(await _voa.MeasureOutputPowerAsync(1));

        var expected = 10 * Math.Log10(Math.Exp(-2 * 10e-6 * 10e-6 / (15e-6 * 15e-6)));
        Assert.That(budget.PointingLossDecibels, Is.EqualTo(expected).Within(1e-6), "exp(−2θ²/θ_div²) of a 10 µrad bias on a 15 µrad beam: −3.86 dB");
        Assert.That(pointed - aligned, Is.EqualTo(expected).Within(0.05));
    }

    [Test]
    public async Task Without_both_apertures_there_is_no_budget_to_read()
    {
        await OpenAsync(Dpsk);
        await _link.SetRangeAsync(40_741_000);

        Assert.That(async () => await _link.GetLinkBudgetAsync(), Throws.InstanceOf<SpaceTestBench.Visa.Scpi.ScpiInstrumentException>().With.Message.Contain("-221"));
    }

    private static double Watts(double dbm) => 1e-3 * Math.Pow(10, dbm / 10);

    private static double Dbm(double watts) => 10 * Math.Log10(watts / 1e-3);

    private async Task OpenAsync(OpticalTerminalSpec terminal)
    {
        _rig = Rig.Create(TestDuts.Plain with { OpticalTerminal = terminal }, seed: 31);
        _dut = await PoweredDut.StartAsync(_rig);
        (_voa, _) = await _rig.OpenAsync(new KeysightN7764ASimulator(_rig.Facility, "VOA-T", seed: 7, dutChannel: 1), s => new KeysightN7764A(s));
        (_link, _) = await _rig.OpenAsync(new LinkEmulatorSimulator(_rig.Facility, "LEMU-T", seed: 9, inDutPath: true), s => new FacilityLinkEmulator(s));
        (_bert, _) = await _rig.OpenAsync(new AnritsuMP1900ASimulator(_rig.Facility, "BERT-T", measuresDut: true), s => new AnritsuMP1900A(s));
    }

    /// <summary>Sets the attenuation, powers the DUT, waits for the lock; returns the received power, W.</summary>
    private async Task<double> LockAtAsync(double attenuation)
    {
        await _voa.SetAttenuationAsync(1, attenuation);
        await _voa.SetShutterOpenAsync(1, true);
        await _dut.PowerOnAsync();
        _rig.AdvanceSeconds(_rig.Facility.DutSpecification.OpticalTerminal!.AcquisitionSeconds + 0.001);
        Assert.That(await _dut.Agent.GetLinkStateAsync(), Is.EqualTo(OpticalLinkState.Locked), "precondition: locked");
        return _rig.Facility.Observe().MeanReceivedWatts;
    }

    private async Task<BitErrorResult> GateAsync(int seconds)
    {
        await _bert.StartAsync(TimeSpan.FromSeconds(seconds));
        _rig.AdvanceSeconds(seconds + 0.5);
        Assert.That(await _bert.IsMeasuringAsync(), Is.False, "the gate ended by itself");
        return await _bert.ReadResultAsync();
    }
}
