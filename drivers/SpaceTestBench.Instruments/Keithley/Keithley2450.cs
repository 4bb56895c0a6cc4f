using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Keithley;

/// <summary>
/// Keithley 2450 source-measure unit as a latch-up monitor: sourcing voltage with a current limit,
/// measuring current. At open it checks the SCPI command set is active (*LANG?) and configures voltage
/// sourcing with current sensing; limits are written before levels, as Keithley's manual advises.
/// </summary>
public sealed class Keithley2450(IMessageBasedSession session) : ScpiInstrument(session), ILatchupMonitor
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "Keithley 2450";

    // SCPI-99: QUEStionable bit 1 is CURRent; the questionable summary is status byte bit 3.
    private const int QuestionableCurrentBit = 2;
    private const int QuestionableSummaryBit = 8;

    private const double ReadBackTolerance = 1e-6;

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override string ExpectedModelField => "2450";

    /// <inheritdoc />
    public override async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await base.OpenAsync(cancellationToken);
        var language = await QueryAsync($"*LANG?", cancellationToken);
        if (!language.Equals("SCPI", StringComparison.OrdinalIgnoreCase))
        {
            throw new VisaProtocolException(Resource, $"the 2450 runs the {language} command set; switch it to SCPI (*LANG SCPI and reboot).");
        }

        await WriteAsync($":SOUR:FUNC VOLT;:SENS:FUNC \"CURR\"", cancellationToken);
    }

    /// <inheritdoc />
    public Task SetVoltageAsync(double volts, CancellationToken cancellationToken = default) =>
        WriteAsync($":SOUR:VOLT {volts:G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetCurrentLimitAsync(double amperes, CancellationToken cancellationToken = default) =>
        WriteAsync($":SOUR:VOLT:ILIM {amperes:G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetOutputAsync(bool enabled, CancellationToken cancellationToken = default) =>
        WriteAsync($":OUTP {(enabled ? "ON" : "OFF")}", cancellationToken);

    /// <inheritdoc />
    public Task<bool> IsOutputOnAsync(CancellationToken cancellationToken = default) =>
        QueryBooleanAsync($":OUTP?", cancellationToken);

    /// <inheritdoc />
    public Task<double> MeasureCurrentAsync(CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($":MEAS:CURR?", cancellationToken);

    /// <inheritdoc />
    public Task<double> MeasureVoltageAsync(CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($":MEAS:VOLT?", cancellationToken);

    /// <inheritdoc />
    public Task<bool> IsCurrentLimitTrippedAsync(CancellationToken cancellationToken = default) =>
        QueryBooleanAsync($":SOUR:VOLT:ILIM:TRIP?", cancellationToken);

    /// <inheritdoc />
    public async Task<(double Amperes, bool CurrentLimitTripped)> MeasureCurrentAndTripAsync(CancellationToken cancellationToken = default)
    {
        const string query = ":MEAS:CURR?;:SOUR:VOLT:ILIM:TRIP?";
        var units = (await QueryAsync($":MEAS:CURR?;:SOUR:VOLT:ILIM:TRIP?", cancellationToken)).Split(';');
        return units.Length == 2 && units[1].Trim() is "0" or "1"
            ? (ParseNumber(units[0], query), units[1].Trim() == "1")
            : throw new VisaProtocolException(Resource, $"expected a current and 0 or 1 after '{query}' but the instrument answered '{Shorten(string.Join(';', units))}'.");
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads back everything the arming writes (the limit test's level and state, the questionable enable, *SRE) in one
    /// message; the level read back is the one written if it agrees to 6 significant digits (the 2450 answers with more).
    /// </remarks>
    public async Task<bool> IsOverCurrentRequestArmedAsync(double amperes, CancellationToken cancellationToken = default)
    {
        const string query = ":CALC2:CURR:LIM1:UPP?;:CALC2:CURR:LIM1:STAT?;:STAT:QUES:ENAB?;*SRE?";
        var units = (await QueryAsync($":CALC2:CURR:LIM1:UPP?;:CALC2:CURR:LIM1:STAT?;:STAT:QUES:ENAB?;*SRE?", cancellationToken)).Split(';');
        if (units.Length != 4)
        {
            throw new VisaProtocolException(Resource, $"expected four response units after '{query}' but the instrument answered '{Shorten(string.Join(';', units))}'.");
        }

        var level = ParseNumber(units[0], query);
        return Math.Abs(level - amperes) <= ReadBackTolerance * Math.Abs(amperes)
            && units[1].Trim() is "1" or "ON"
            && ((int)ParseNumber(units[2], query) & QuestionableCurrentBit) != 0
            && ((int)ParseNumber(units[3], query) & QuestionableSummaryBit) != 0;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The 2450's upper limit test on the current (CALC2:CURR:LIM1) judged into the questionable register's
    /// CURRent bit (SCPI-99), enabled into the status byte and the status byte's QUES summary into *SRE.
    /// </remarks>
    public Task ArmOverCurrentRequestAsync(double amperes, CancellationToken cancellationToken = default) =>
        WriteAsync($":CALC2:CURR:LIM1:UPP {amperes:G9};:CALC2:CURR:LIM1:STAT ON;:STAT:QUES:ENAB {QuestionableCurrentBit};*SRE {QuestionableSummaryBit}", cancellationToken);

    /// <inheritdoc />
    public async Task<bool> ReadOverCurrentEventAsync(CancellationToken cancellationToken = default) =>
        ((int)await QueryDoubleAsync($":STAT:QUES?", cancellationToken) & QuestionableCurrentBit) != 0;

    /// <inheritdoc />
    public override Task SafeStateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync($":OUTP OFF", cancellationToken);
}
