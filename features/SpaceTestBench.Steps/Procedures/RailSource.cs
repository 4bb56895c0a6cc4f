using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// A bench role that powers one DUT rail, whatever its capability: a channel of the DUT supply or the
/// latch-up monitor's source-measure unit. Values are SI (V, A).
/// </summary>
public abstract class RailSource
{
    private protected RailSource(string role, string rail, string instrument)
    {
        Role = role;
        Rail = rail;
        Instrument = instrument;
    }

    /// <summary>The role name ("DUT supply").</summary>
    public string Role { get; }

    /// <summary>The DUT rail it powers ("core").</summary>
    public string Rail { get; }

    /// <summary>The instrument's label for result records.</summary>
    public string Instrument { get; }

    /// <summary>Programs the output voltage.</summary>
    public abstract Task SetVoltageAsync(double volts, CancellationToken cancellationToken = default);

    /// <summary>Programs the current limit.</summary>
    public abstract Task SetCurrentLimitAsync(double amperes, CancellationToken cancellationToken = default);

    /// <summary>Switches the output on or off.</summary>
    public abstract Task SetOutputAsync(bool enabled, CancellationToken cancellationToken = default);

    /// <summary>Whether the output is on (off after a protection trip).</summary>
    public abstract Task<bool> IsOutputOnAsync(CancellationToken cancellationToken = default);

    /// <summary>Measures the voltage at the output.</summary>
    public abstract Task<double> MeasureVoltageAsync(CancellationToken cancellationToken = default);

    /// <summary>Measures the current into the rail.</summary>
    public abstract Task<double> MeasureCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the output sits at its current limit (in CC or compliance) now.</summary>
    public abstract Task<bool> IsInCurrentLimitAsync(CancellationToken cancellationToken = default);

    /// <summary>Measures the current into the rail and whether the output sits at its current limit, in as few exchanges as the instrument allows.</summary>
    public abstract Task<(double Amperes, bool InCurrentLimit)> MeasureCurrentAndLimitAsync(CancellationToken cancellationToken = default);

    /// <summary>A channel of a DC supply role.</summary>
    public static RailSource From(BenchRole<IDcPowerSupply> role) => new SupplyChannel(role);

    /// <summary>The latch-up monitor's source-measure unit.</summary>
    public static RailSource From(BenchRole<ILatchupMonitor> role) => new SourceMeter(role);

    private sealed class SupplyChannel(BenchRole<IDcPowerSupply> role) : RailSource(role.Name, role.Rail!, role.InstrumentLabel)
    {
        private IDcPowerSupply Supply => role.Instrument;

        public override Task SetVoltageAsync(double volts, CancellationToken cancellationToken) => Supply.SetVoltageAsync(role.Channel, volts, cancellationToken);

        public override Task SetCurrentLimitAsync(double amperes, CancellationToken cancellationToken) => Supply.SetCurrentLimitAsync(role.Channel, amperes, cancellationToken);

        public override Task SetOutputAsync(bool enabled, CancellationToken cancellationToken) => Supply.SetOutputAsync(role.Channel, enabled, cancellationToken);

        public override Task<bool> IsOutputOnAsync(CancellationToken cancellationToken) => Supply.IsOutputOnAsync(role.Channel, cancellationToken);

        public override Task<double> MeasureVoltageAsync(CancellationToken cancellationToken) => Supply.MeasureVoltageAsync(role.Channel, cancellationToken);

        public override Task<double> MeasureCurrentAsync(CancellationToken cancellationToken) => Supply.MeasureCurrentAsync(role.Channel, cancellationToken);

        // A supply reports no CC flag through the role; regulation is judged from the voltage instead.
        public override Task<bool> IsInCurrentLimitAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        public override async Task<(double Amperes, bool InCurrentLimit)> MeasureCurrentAndLimitAsync(CancellationToken cancellationToken) =>
            (await MeasureCurrentAsync(cancellationToken), false);
    }

    private sealed class SourceMeter(BenchRole<ILatchupMonitor> role) : RailSource(role.Name, role.Rail!, role.InstrumentLabel)
    {
        private ILatchupMonitor Monitor => role.Instrument;

        public override Task SetVoltageAsync(double volts, CancellationToken cancellationToken) => Monitor.SetVoltageAsync(volts, cancellationToken);

        public override Task SetCurrentLimitAsync(double amperes, CancellationToken cancellationToken) => Monitor.SetCurrentLimitAsync(amperes, cancellationToken);

        public override Task SetOutputAsync(bool enabled, CancellationToken cancellationToken) => Monitor.SetOutputAsync(enabled, cancellationToken);

        public override Task<bool> IsOutputOnAsync(CancellationToken cancellationToken) => Monitor.IsOutputOnAsync(cancellationToken);

        public override Task<double> MeasureVoltageAsync(CancellationToken cancellationToken) => Monitor.MeasureVoltageAsync(cancellationToken);

        public override Task<double> MeasureCurrentAsync(CancellationToken cancellationToken) => Monitor.MeasureCurrentAsync(cancellationToken);

        public override Task<bool> IsInCurrentLimitAsync(CancellationToken cancellationToken) => Monitor.IsCurrentLimitTrippedAsync(cancellationToken);

        public override async Task<(double Amperes, bool InCurrentLimit)> MeasureCurrentAndLimitAsync(CancellationToken cancellationToken) =>
            await Monitor.MeasureCurrentAndTripAsync(cancellationToken);
    }
}
