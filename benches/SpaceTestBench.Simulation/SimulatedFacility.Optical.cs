using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation;

/// <summary>The optical path: DUT transmitter → link emulator → attenuator → DUT receiver, watched by the BERT.</summary>
public sealed partial class SimulatedFacility
{
    /// <summary>Power the DUT launches into the test path now, W (0 while it is off, booting or failed).</summary>
    internal double TransmittedWatts =>
        Dut.Spec.OpticalTerminal is { } terminal && Dut.Powered && !Dut.Failed && _elapsed >= Dut.BootUntil ? terminal.TransmitPowerWatts : 0;

    /// <summary>Mean power arriving at the attenuator in the DUT's path, W.</summary>
    internal double AttenuatorInputWatts =>
        TransmittedWatts * (_dutLink?.MeanTransmission(Dut.Spec.OpticalTerminal?.BeamDivergenceRadians ?? 1) ?? 1);

    /// <summary>Mean power at the DUT receiver, W (scintillation averaged, pointing loss in expectation).</summary>
    internal double MeanReceivedWatts
    {
        get
        {
            var divergence = Dut.Spec.OpticalTerminal?.BeamDivergenceRadians ?? 1;
            return TransmittedWatts * (_dutLink?.MeanTransmission(divergence) ?? 1) * (_dutAttenuator?.Transmission ?? 1);
        }
    }

    /// <summary>One-way delay of the emulated path, s.</summary>
    internal double LinkDelaySeconds => _dutLink?.DelaySeconds ?? 0;

    private OpticalConditions OpticalConditions => new(MeanReceivedWatts, _dutLink?.DopplerAt(_elapsed) ?? 0, _dutLink?.DopplerRateHertzPerSecond ?? 0);

    private void IntegrateOptical(double step)
    {
        foreach (var tester in _testers)
        {
            if (tester.Measuring && ReferenceEquals(tester, _dutTester))
            {
                CountBits(tester, step);
            }

            tester.AdvanceGate(step);
        }
    }

    private void CountBits(BitErrorCounter tester, double step)
    {
        if (Dut.Spec.OpticalTerminal is not { } terminal || TransmittedWatts <= 0)
        {
            tester.NoClock(step);
            return; // no recovered clock: nothing is clocked into the error detector
        }

        var bits = terminal.DataRateBitsPerSecond * step;
        tester.Clock(terminal.DataRateBitsPerSecond, step);
        double expected;
        if (Dut.LinkState != LinkState.Locked || !tester.PatternsMatch)
        {
            expected = 0.5 * bits; // out of sync: every other bit is wrong
        }
        else if (_dutLink is not { Fluctuates: true } link)
        {
            expected = terminal.BitErrorRatioAt(MeanReceivedWatts) * bits;
        }
        else
        {
            expected = ExpectedErrorsThroughFading(link, terminal, step);
        }

        tester.AddErrors(_bitErrors.NextPoisson(expected));
    }

    private double ExpectedErrorsThroughFading(LinkChannelModel link, OpticalTerminalSpec terminal, double step)
    {
        // The fading grid is anchored at the run's origin, not at this world's start: a resumed run's world starts
        // later, and its fades must fall on the moments of the run the uninterrupted run's fell on (docs/simulators.md).
        var grid = link.GridSeconds;
        var origin = (Start - Origin).TotalSeconds;
        var start = origin + _elapsed;
        var end = start + step;
        var attenuation = _dutAttenuator?.Transmission ?? 1;
        var expected = 0.0;
        for (var k = (long)Math.Floor(start / grid); k * grid < end; k++)
        {
            var overlap = Math.Min(end, (k + 1) * grid) - Math.Max(start, k * grid);
            if (overlap <= 0)
            {
                continue;
            }

            var received = TransmittedWatts * link.TransmissionAt(k, terminal.BeamDivergenceRadians) * attenuation;
            expected += terminal.BitErrorRatioAt(received) * terminal.DataRateBitsPerSecond * overlap;
        }

        return expected;
    }
}
