using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Keysight;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;

namespace SpaceTestBench.Simulation.Tests.Support;

/// <summary>A rig with a DUT powered by an E36312A (CH1 core 1.8 V, CH2 io 3.3 V) and its test agent.</summary>
internal sealed class PoweredDut
{
    private PoweredDut(Rig rig, KeysightE36312A supply, DutTestAgent agent)
    {
        Rig = rig;
        Supply = supply;
        Agent = agent;
    }

    public Rig Rig { get; }

    public KeysightE36312A Supply { get; }

    public DutTestAgent Agent { get; }

    public static async Task<PoweredDut> StartAsync(Rig rig, bool wireIo = true)
    {
        var simulator = new KeysightE36312ASimulator(rig.Facility, "MY-T", seed: 2);
        rig.Facility.AttachSupply(simulator.Channels[0], "core");
        rig.Facility.AttachSupply(simulator.Channels[1], wireIo ? "io" : null);
        rig.Facility.AttachSupply(simulator.Channels[2], null);
        var (supply, _) = await rig.OpenAsync(simulator, s => new KeysightE36312A(s));
        var (agent, _) = await rig.OpenAsync(new DutTestAgentSimulator(rig.Facility, "AGENT-T", seed: 4), s => new DutTestAgent(s));
        return new PoweredDut(rig, supply, agent);
    }

    /// <summary>Powers core and io at nominal and waits out the boot (unless <paramref name="advance"/> is false).</summary>
    public async Task PowerOnAsync(double coreVolts = 1.8, double ioVolts = 3.3, bool advance = true)
    {
        await Supply.SetCurrentLimitAsync(1, 1.0);
        await Supply.SetVoltageAsync(1, coreVolts);
        await Supply.SetCurrentLimitAsync(2, 0.5);
        await Supply.SetVoltageAsync(2, ioVolts);
        await Supply.SetOutputAsync(1, true);
        await Supply.SetOutputAsync(2, true);
        if (advance)
        {
            Rig.AdvanceSeconds(Rig.Facility.DutSpecification.Workload.BootSeconds + 0.001);
        }
    }

    public async Task PowerOffAsync()
    {
        await Supply.SetOutputAsync(1, false);
        await Supply.SetOutputAsync(2, false);
    }

    public Task<DutStatus> StatusAsync() => Agent.GetStatusAsync();
}
