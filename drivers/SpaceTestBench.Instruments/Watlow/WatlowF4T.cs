using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Watlow;

/// <summary>
/// A thermal-vacuum chamber run by a Watlow F4T controller over SCPI. Loop 1 controls the shroud/platen
/// temperature, loop 2 reads the product thermocouple, loop 3 reads the vacuum gauge (Torr) and digital
/// output 1 starts the pump-down: the facility's TVAC wiring (docs/simulators.md). At open it switches the
/// controller to °C, since an F4T configured for a US site answers in °F.
/// </summary>
public sealed class WatlowF4T(IMessageBasedSession session) : ScpiInstrument(session), IThermalVacuumChamber, IThermalChamberAlarm
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "Watlow F4T";

    private const double ZeroCelsius = 273.15;
    private const double PascalPerTorr = 101325.0 / 760;

    // SMC-S-016 §4.7: the unit must not see ramps faster than its qualification allows; 2 K/min is safe for any.
    private const double SafeRampKelvinPerMinute = 2;
    private const double SafeAmbientCelsius = 25;

    // SCPI-99 vol. 2 §20: QUEStionable bit 4 is TEMPerature; its summary is status byte bit 3 (IEEE 488.2 §11.2).
    private const int QuestionableTemperatureBit = 1 << 4;
    private const int QuestionableSummaryBit = 1 << 3;

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override string ExpectedModelField => "F4T";

    /// <inheritdoc />
    /// <remarks>The F4T implements a listed subset of SCPI (its user manual, "Communications"), which does not
    /// promise compound program messages: each query and its error check go separately, unless the bench sees the
    /// controller's service request line (then an error in its queue requests service and a query's answer is
    /// checked by the line; see <see cref="ScpiInstrument.ServiceRequestEnable"/>).</remarks>
    protected override bool AnswersCompoundQueries => false;

    /// <inheritdoc />
    public override async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await base.OpenAsync(cancellationToken);
        await WriteAsync($":UNIT:TEMP C", cancellationToken);
    }

    /// <inheritdoc />
    public Task SetSetpointAsync(double kelvin, CancellationToken cancellationToken = default) =>
        WriteAsync($":SOUR:CLO1:SPO {Math.Round(kelvin - ZeroCelsius, 2):G9}", cancellationToken);

    /// <inheritdoc />
    public async Task<double> GetSetpointAsync(CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($":SOUR:CLO1:SPO?", cancellationToken) + ZeroCelsius;

    /// <inheritdoc />
    public async Task SetRampRateAsync(double? kelvinPerSecond, CancellationToken cancellationToken = default)
    {
        if (kelvinPerSecond is not { } rate)
        {
            await WriteAsync($":SOUR:CLO1:RACT OFF", cancellationToken);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate, nameof(kelvinPerSecond));
        await WriteAsync($":SOUR:CLO1:RRAT {Math.Round(rate * 60, 3):G9}", cancellationToken);
        await WriteAsync($":SOUR:CLO1:RACT SETP", cancellationToken);
    }

    /// <inheritdoc />
    public async Task<double> MeasureAirTemperatureAsync(CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($":SOUR:CLO1:PVAL?", cancellationToken) + ZeroCelsius;

    /// <inheritdoc />
    public async Task<double> MeasureDutTemperatureAsync(CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($":SOUR:CLO2:PVAL?", cancellationToken) + ZeroCelsius;

    /// <inheritdoc />
    public Task SetVacuumAsync(bool pumpDown, CancellationToken cancellationToken = default) =>
        WriteAsync($":OUTP1:STAT {(pumpDown ? "ON" : "OFF")}", cancellationToken);

    /// <inheritdoc />
    public async Task<double> MeasurePressureAsync(CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($":SOUR:CLO3:PVAL?", cancellationToken) * PascalPerTorr;

    /// <inheritdoc />
    /// <remarks>The facility wires the controller's alarm 1 as a process alarm on loop 1's input (docs/simulators.md).</remarks>
    public async Task ArmAirAlarmAsync(double lowKelvin, double highKelvin, CancellationToken cancellationToken = default)
    {
        await WriteAsync($":SOUR:CLO1:ALAR:LOW {Math.Round(lowKelvin - ZeroCelsius, 2):G9}", cancellationToken);
        await WriteAsync($":SOUR:CLO1:ALAR:UPP {Math.Round(highKelvin - ZeroCelsius, 2):G9}", cancellationToken);
        await WriteAsync($":SOUR:CLO1:ALAR ON", cancellationToken);
        await WriteAsync($":STAT:QUES:ENAB {QuestionableTemperatureBit}", cancellationToken);
        await WriteAsync($"*SRE {QuestionableSummaryBit | ServiceRequestEnable}", cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> IsAirAlarmOnAsync(CancellationToken cancellationToken = default) =>
        QueryBooleanAsync($":SOUR:CLO1:ALAR?", cancellationToken);

    /// <inheritdoc />
    public Task DisarmAirAlarmAsync(CancellationToken cancellationToken = default) =>
        WriteAsync($":SOUR:CLO1:ALAR OFF", cancellationToken);

    /// <inheritdoc />
    public async Task<bool> ReadAirAlarmEventAsync(CancellationToken cancellationToken = default) =>
        ((int)await QueryDoubleAsync($":STAT:QUES?", cancellationToken) & QuestionableTemperatureBit) != 0;

    /// <summary>Ramps to ambient at a safe rate; vacuum is kept (venting a cold chamber would condense water on the DUT).</summary>
    public override async Task SafeStateAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync($":SOUR:CLO1:RRAT {SafeRampKelvinPerMinute:G9}", cancellationToken);
        await WriteAsync($":SOUR:CLO1:RACT SETP", cancellationToken);
        await WriteAsync($":SOUR:CLO1:SPO {SafeAmbientCelsius:G9}", cancellationToken);
    }
}
