using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates an ESPEC chamber with a P300 controller, which speaks ESPEC's own ASCII protocol, not SCPI:
/// CR-LF terminated commands such as <c>TEMP?</c>, <c>TEMP, S23.0</c>, <c>MODE, CONSTANT</c>,
/// <c>MON PTC?</c> and the one-step remote program <c>RUN PRGM, TEMP20.0 GOTEMP80.0 TIME0:20</c> (its way
/// of ramping). Every command is answered: queries with data, settings with <c>OK:</c> and the command,
/// errors with <c>NA:</c> and the controller's error text (<c>CMD ERR</c>, <c>PARA ERR</c>,
/// <c>DATA OUT OF RANGE</c>).
/// </summary>
public sealed partial class EspecP300Simulator : ISimulatedInstrument
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "ESPEC P300";

    /// <summary>A compressor chamber: 5 K/min heating, 3.5 K/min cooling, −70…+180 °C, no vacuum.</summary>
    public static ThermalChamberSpec ChamberSpec { get; } = new(
        MinimumKelvin: 203.15, MaximumKelvin: 453.15, MaximumHeatingRate: 5.0 / 60, MaximumCoolingRate: 3.5 / 60,
        NaturalFrequency: 2 * Math.PI / 600, DampingRatio: 0.6, PassiveTimeConstantSeconds: 2400,
        HasVacuum: false, PumpTimeConstantSeconds: 1, BasePressurePascal: PhysicalConstants.Atmosphere, VentTimeConstantSeconds: 1);

    private readonly SimulatedFacility _facility;
    private readonly ThermalChamberModel _chamber;
    private readonly Random _noise;
    private readonly Lock _sync = new();
    private string _mode = "STANDBY";
    private double _upperLimit = 180;
    private double _lowerLimit = -70;
    private double _programEnd = double.NaN;
    private string? _injectedError;

    /// <summary>A simulator acting on <paramref name="facility"/>; <paramref name="hostsDut"/> if the DUT sits in it.</summary>
    public EspecP300Simulator(SimulatedFacility facility, int seed, bool hostsDut)
    {
        ArgumentNullException.ThrowIfNull(facility);
        _facility = facility;
        _chamber = facility.AttachChamber(ChamberSpec, hostsDut);
        _chamber.ControlOn = false;
        _noise = RandomStreams.ReadingNoise(seed, "P300:process-values", facility);
    }

    /// <inheritdoc />
    public string Model => ModelName;

    /// <inheritdoc />
    public IDeviceSession Connect() => new Session(this);

    /// <inheritdoc />
    public void PowerCycle()
    {
        lock (_sync)
        {
            _facility.Run(() =>
            {
                _mode = "STANDBY";
                _chamber.ControlOn = false;
                _programEnd = double.NaN;
                _injectedError = null;
            });
        }
    }

    /// <inheritdoc />
    public void InjectError(int code, string text)
    {
        lock (_sync)
        {
            _injectedError = text;
        }
    }

    private string Execute(string command)
    {
        lock (_sync)
        {
            if (_injectedError is { } injected)
            {
                _injectedError = null;
                return "NA:" + injected;
            }

            try
            {
                return _facility.Run(() => Dispatch(command.Trim()));
            }
            catch (EspecErrorException e)
            {
                return "NA:" + e.Message;
            }
        }
    }

    private string Dispatch(string command)
    {
        EndProgramIfDone();
        var comma = command.IndexOf(',', StringComparison.Ordinal);
        var header = (comma < 0 ? command : command[..comma]).Trim().ToUpperInvariant();
        var argument = comma < 0 ? null : command[(comma + 1)..].Trim();
        return (header, argument) switch
        {
            ("TYPE?", null) => $"DRY,P300,{_upperLimit:0}",
            ("ROM?", null) => "P300 V1.10",
            ("MODE?", null) => _mode,
            ("MON?", null) => $"{Celsius(Air):0.0},,{_mode},0",
            ("MON PTC?", null) => $"{Celsius(Product):0.0},{Celsius(Air):0.0},{_mode},0",
            ("TEMP?", null) => $"{Celsius(Air):0.0},{Celsius(_chamber.Setpoint):0.0},{_upperLimit:0.0},{_lowerLimit:0.0}",
            ("ALARM?", null) => "0",
            ("RUN PRGM MON?", null) => RemoteProgramMonitor(),
            ("MODE", { } mode) => SetMode(mode),
            ("POWER", { } power) => SetPower(power),
            ("TEMP", { } temp) => SetTemperature(temp),
            ("RUN PRGM", { } program) => RunRemoteProgram(program),
            ("PRGM", { } program) => EndProgram(program),
            _ when header.EndsWith('?') && argument is not null => throw new EspecErrorException("PARA ERR"),
            _ => throw new EspecErrorException("CMD ERR"),
        };
    }

    private double Air => _chamber.Air + (0.05 * _noise.NextGaussian());

    private double Product => _facility.Dut.CaseKelvin + (0.05 * _noise.NextGaussian());

    private static double Celsius(double kelvin) => kelvin - PhysicalConstants.ZeroCelsius;

    private static string Ok(string text) => "OK:" + text;

    private string SetMode(string argument)
    {
        var mode = argument.ToUpperInvariant();
        if (mode is not ("OFF" or "STANDBY" or "CONSTANT"))
        {
            throw new EspecErrorException("PARA ERR");
        }

        _mode = mode;
        _programEnd = double.NaN;
        _chamber.ControlOn = mode == "CONSTANT";
        _chamber.RampRate = double.PositiveInfinity;
        return Ok($"MODE,{mode}");
    }

    private string SetPower(string argument) => argument.ToUpperInvariant() switch
    {
        "ON" => SetMode("CONSTANT").Replace("MODE,CONSTANT", "POWER,ON", StringComparison.Ordinal),
        "OFF" => SetMode("OFF").Replace("MODE,OFF", "POWER,OFF", StringComparison.Ordinal),
        _ => throw new EspecErrorException("PARA ERR"),
    };

    private string SetTemperature(string argument)
    {
        var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new EspecErrorException("PARA ERR");
        }

        double? setpoint = null, upper = null, lower = null;
        foreach (var part in parts)
        {
            var value = Number(part[1..]);
            switch (char.ToUpperInvariant(part[0]))
            {
                case 'S': setpoint = value; break;
                case 'H': upper = value; break;
                case 'L': lower = value; break;
                default: throw new EspecErrorException("PARA ERR");
            }
        }

        var newUpper = upper ?? _upperLimit;
        var newLower = lower ?? _lowerLimit;
        // Rounded: 453.15 K − 273.15 is 179.99999999999997 in binary, and 180.0 must be allowed.
        var minimum = Math.Round(Celsius(ChamberSpec.MinimumKelvin), 6);
        var maximum = Math.Round(Celsius(ChamberSpec.MaximumKelvin), 6);
        if (newUpper > maximum || newLower < minimum || newLower >= newUpper ||
            (setpoint is { } sp && (sp < newLower || sp > newUpper)))
        {
            throw new EspecErrorException("DATA OUT OF RANGE");
        }

        (_upperLimit, _lowerLimit) = (newUpper, newLower);
        if (setpoint is { } s)
        {
            _chamber.RampRate = double.PositiveInfinity;
            _chamber.SetSetpoint(s + PhysicalConstants.ZeroCelsius);
        }

        return Ok("TEMP," + string.Join(" ", parts).ToUpperInvariant());
    }

    private string RunRemoteProgram(string argument)
    {
        var match = RemoteProgram().Match(argument);
        if (!match.Success)
        {
            throw new EspecErrorException("PARA ERR");
        }

        var start = Number(match.Groups["temp"].Value);
        var end = match.Groups["go"].Success ? Number(match.Groups["go"].Value) : start;
        var minutes = (int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) * 60) + int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (start < _lowerLimit || start > _upperLimit || end < _lowerLimit || end > _upperLimit || minutes > 99 * 60 + 59)
        {
            throw new EspecErrorException("DATA OUT OF RANGE");
        }

        var rate = minutes == 0 ? double.PositiveInfinity : Math.Abs(end - start) / (minutes * 60.0);
        _chamber.ControlOn = true;
        _chamber.StartRamp(start + PhysicalConstants.ZeroCelsius, end + PhysicalConstants.ZeroCelsius, rate == 0 ? double.PositiveInfinity : rate);
        _programEnd = _facility.Elapsed + (minutes * 60.0);
        _mode = "RUN";
        return Ok("RUN PRGM," + argument.ToUpperInvariant());
    }

    private string RemoteProgramMonitor()
    {
        if (_mode != "RUN")
        {
            throw new EspecErrorException("CONT NOT READY-2");
        }

        var remaining = TimeSpan.FromSeconds(Math.Max(0, _programEnd - _facility.Elapsed));
        return $"1,{Celsius(_chamber.Setpoint):0.0},{(int)remaining.TotalHours}:{remaining.Minutes:00},0";
    }

    private string EndProgram(string argument)
    {
        var parts = argument.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].Equals("END", StringComparison.OrdinalIgnoreCase))
        {
            throw new EspecErrorException("PARA ERR");
        }

        if (_mode != "RUN")
        {
            throw new EspecErrorException("CONT NOT READY-2");
        }

        var after = parts[1].ToUpperInvariant() switch
        {
            "HOLD" or "CONST" => "CONSTANT",
            "STANDBY" => "STANDBY",
            "OFF" => "OFF",
            _ => throw new EspecErrorException("PARA ERR"),
        };
        var hold = _chamber.Target;
        SetMode(after);
        _chamber.SetSetpoint(hold);
        return Ok("PRGM,END," + parts[1].ToUpperInvariant());
    }

    /// <summary>A finished remote program holds its end temperature (END HOLD), as the controller does.</summary>
    private void EndProgramIfDone()
    {
        if (_mode == "RUN" && _facility.Elapsed >= _programEnd)
        {
            _mode = "CONSTANT";
            _programEnd = double.NaN;
        }
    }

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new EspecErrorException("PARA ERR");

    [GeneratedRegex(@"^\s*TEMP\s*(?<temp>-?\d+(\.\d+)?)\s+(?:GOTEMP\s*(?<go>-?\d+(\.\d+)?)\s+)?TIME\s*(?<h>\d+):(?<m>\d{1,2})(?:\s+GOTEMP\s*(?<go>-?\d+(\.\d+)?))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteProgram();

    private sealed class Session(EspecP300Simulator device) : IDeviceSession
    {
        public ReadOnlyMemory<byte> Execute(ReadOnlySpan<byte> programMessage)
        {
            var response = device.Execute(Encoding.ASCII.GetString(programMessage).TrimEnd('\r'));
            return Encoding.ASCII.GetBytes(response + "\r\n");
        }

        public byte ReadStatusByte() => 0;

        public void Clear()
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class EspecErrorException(string text) : Exception(text);
}
