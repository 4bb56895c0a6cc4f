using System.Globalization;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Espec;

/// <summary>
/// ESPEC chamber with a P300 controller. Not SCPI: ESPEC's ASCII protocol with CR-LF terminators, where
/// every command is answered (<c>OK:…</c> for settings, data for queries, <c>NA:&lt;error&gt;</c> for
/// refusals). There is no *IDN?: the model is checked with TYPE? and the firmware read with ROM?. The P300
/// has no ramp-rate setting in constant mode, so a ramped setpoint change runs a one-step remote program
/// (RUN PRGM, TEMP&lt;now&gt; GOTEMP&lt;target&gt; TIME&lt;h:mm&gt;) whose duration gives the rate, rounded up
/// to whole minutes (the program's resolution).
/// </summary>
public sealed class EspecP300 : IThermalChamber
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "ESPEC P300";

    private const double ZeroCelsius = 273.15;
    private const double SafeRampKelvinPerSecond = 2.0 / 60;
    private const double SafeAmbientKelvin = 298.15;
    private readonly IMessageBasedSession _session;
    private double? _rampKelvinPerSecond;

    /// <summary>A driver over an open session (raw socket to the controller's serial server, or a serial port).</summary>
    public EspecP300(IMessageBasedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
    }

    /// <inheritdoc />
    public string Model => ModelName;

    /// <inheritdoc />
    public string Resource => _session.ResourceName;

    /// <inheritdoc />
    public InstrumentIdentity? Identity { get; private set; }

    /// <inheritdoc />
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        var type = await InteractAsync("TYPE?", cancellationToken);
        var fields = type.Split(',');
        if (fields.Length < 3 || !fields[^2].Trim().Equals("P300", StringComparison.OrdinalIgnoreCase))
        {
            throw new VisaProtocolException(Resource, $"expected an ESPEC P300 controller but TYPE? answered '{type}'.");
        }

        var rom = await InteractAsync("ROM?", cancellationToken);
        Identity = new InstrumentIdentity("ESPEC", "P300", "not reported", rom);
    }

    /// <inheritdoc />
    public async Task SetSetpointAsync(double kelvin, CancellationToken cancellationToken = default)
    {
        var target = kelvin - ZeroCelsius;
        if (_rampKelvinPerSecond is not { } rate)
        {
            await InteractAsync(Invariant($"TEMP, S{target:0.0}"), cancellationToken);
            await InteractAsync("MODE, CONSTANT", cancellationToken);
            return;
        }

        var now = await MeasureAirTemperatureAsync(cancellationToken) - ZeroCelsius;
        // Kelvin to Celsius leaves ~1e-14 of rounding; it must not cost a whole extra minute.
        var minutes = (int)Math.Ceiling((Math.Abs(target - now) / rate / 60) - 1e-9);
        await InteractAsync(Invariant($"RUN PRGM, TEMP{now:0.0} GOTEMP{target:0.0} TIME{minutes / 60}:{minutes % 60:00}"), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<double> GetSetpointAsync(CancellationToken cancellationToken = default) =>
        Field(await InteractAsync("TEMP?", cancellationToken), 1, "TEMP?") + ZeroCelsius;

    /// <inheritdoc />
    public Task SetRampRateAsync(double? kelvinPerSecond, CancellationToken cancellationToken = default)
    {
        if (kelvinPerSecond is { } rate)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate, nameof(kelvinPerSecond));
        }

        _rampKelvinPerSecond = kelvinPerSecond;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<double> MeasureAirTemperatureAsync(CancellationToken cancellationToken = default) =>
        Field(await InteractAsync("MON PTC?", cancellationToken), 1, "MON PTC?") + ZeroCelsius;

    /// <inheritdoc />
    public async Task<double> MeasureDutTemperatureAsync(CancellationToken cancellationToken = default) =>
        Field(await InteractAsync("MON PTC?", cancellationToken), 0, "MON PTC?") + ZeroCelsius;

    /// <inheritdoc />
    public async Task SafeStateAsync(CancellationToken cancellationToken = default)
    {
        _rampKelvinPerSecond = SafeRampKelvinPerSecond;
        await SetSetpointAsync(SafeAmbientKelvin, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Sends one command (CR-LF terminated) and returns its answer; NA: answers raise.</summary>
    private async Task<string> InteractAsync(string command, CancellationToken cancellationToken)
    {
        var answer = (await _session.FormattedIO.QueryAsync(command + "\r", cancellationToken)).Trim();
        if (answer.StartsWith("NA:", StringComparison.Ordinal))
        {
            throw new EspecControllerException(Resource, command, answer[3..].Trim());
        }

        return answer;
    }

    private double Field(string answer, int index, string command)
    {
        var fields = answer.Split(',');
        return index < fields.Length && double.TryParse(fields[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new VisaProtocolException(Resource, $"expected a number in field {index + 1} of the answer to '{command}' but got '{answer}'.");
    }
}
