using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Instruments;

namespace SpaceTestBench.Simulation;

/// <summary>How simulators join the world: each instrument's physical part, and whether it acts on the DUT.</summary>
public sealed partial class SimulatedFacility
{
    internal AttenuatorModel? DutAttenuator => _dutAttenuator;

    internal ThermalChamberModel AttachChamber(ThermalChamberSpec spec, bool hostsDut) =>
        Attach(new ThermalChamberModel(spec), _chambers, hostsDut, ref _dutChamber, "sit in one thermal chamber");

    internal GammaCellModel AttachGammaCell(GammaCellSpec spec, Random calibration, Random readingNoise, bool irradiatesDut) =>
        Attach(new GammaCellModel(spec, calibration, readingNoise), _gammaCells, irradiatesDut, ref _dutGamma, "be in one gamma cell");

    internal BeamLineModel AttachBeamLine(bool irradiatesDut) =>
        Attach(new BeamLineModel(), _beams, irradiatesDut, ref _dutBeam, "be in one beam line");

    internal AttenuatorModel AttachAttenuator(double insertionLossDecibels, bool inDutPath) =>
        Attach(new AttenuatorModel(insertionLossDecibels), _attenuators, inDutPath, ref _dutAttenuator, "have one attenuator in its optical path");

    internal LinkChannelModel AttachLinkEmulator(int seed, bool inDutPath) =>
        Attach(new LinkChannelModel(seed), _links, inDutPath, ref _dutLink, "have one link emulator in its optical path");

    internal BitErrorCounter AttachBitErrorTester(bool measuresDut) =>
        Attach(new BitErrorCounter(), _testers, measuresDut, ref _dutTester, "be measured by one bit-error tester");

    /// <summary>Registers a supply output (so its protections are evaluated) and wires it to a DUT rail if given.</summary>
    internal void AttachSupply(SimulatedSupplyChannel channel, string? rail)
    {
        lock (_gate)
        {
            _supplies.Add(channel);
            if (rail is not null)
            {
                Dut.Connect(rail, channel);
            }
        }
    }

    private T Attach<T>(T part, List<T> parts, bool coupled, ref T? coupledPart, string what)
        where T : class
    {
        lock (_gate)
        {
            if (coupled)
            {
                if (coupledPart is not null)
                {
                    throw new InvalidOperationException($"The DUT can only {what}; two instruments of the bench claim it.");
                }

                coupledPart = part;
            }

            parts.Add(part);
            return part;
        }
    }
}
