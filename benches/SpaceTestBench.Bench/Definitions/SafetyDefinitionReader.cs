using System.Text.Json;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Bench.Definitions;

/// <summary>
/// Reads a bench file's <c>"safety"</c> section: the interlocks (each naming a role the bench has and a role
/// of the kind it needs), the retry policy for idempotent queries, and the checkpoint interval of long waits.
/// Every quantity carries its unit; every error names the JSON path.
/// </summary>
internal static class SafetyDefinitionReader
{
    private static readonly Dictionary<string, InterlockKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["latchup"] = InterlockKind.Latchup,
        ["overTemperature"] = InterlockKind.OverTemperature,
        ["chamberDeviation"] = InterlockKind.ChamberDeviation,
        ["doseOverrun"] = InterlockKind.DoseOverrun,
        ["fluenceOverrun"] = InterlockKind.FluenceOverrun,
    };

    /// <summary>The role kind each interlock reads.</summary>
    private static readonly Dictionary<InterlockKind, string[]> RolesFor = new()
    {
        [InterlockKind.Latchup] = [BenchRoles.LatchupMonitor, BenchRoles.DutSupply],
        [InterlockKind.OverTemperature] = [BenchRoles.ThermalChamber, BenchRoles.Dut],
        [InterlockKind.ChamberDeviation] = [BenchRoles.ThermalChamber],
        [InterlockKind.DoseOverrun] = [BenchRoles.GammaSource],
        [InterlockKind.FluenceOverrun] = [BenchRoles.ParticleBeam],
    };

    public static SafetyDefinition Read(JsonFields json, JsonElement root, IReadOnlyDictionary<string, RoleDefinition> roles)
    {
        if (json.OptionalObject(root, "safety", "$") is not { } safety)
        {
            return SafetyDefinition.None;
        }

        const string path = "$.safety";
        json.RejectUnknown(safety, path, "interlocks", "retry", "checkpointInterval");
        var retry = ReadRetry(json, safety, path) ?? RetryPolicyDefinition.Default;
        var checkpoint = json.OptionalQuantity(safety, "checkpointInterval", path, Dimension.TimeDim) is { } interval
            ? Positive(json, JsonFields.Child(path, "checkpointInterval"), interval)
            : SafetyDefinition.None.CheckpointInterval;
        var interlocks = new List<InterlockDefinition>();
        if (json.OptionalObject(safety, "interlocks", path) is { } declared)
        {
            foreach (var property in declared.EnumerateObject())
            {
                interlocks.Add(ReadInterlock(json, property.Name, property.Value, JsonFields.Child(JsonFields.Child(path, "interlocks"), property.Name), roles));
            }
        }

        return new SafetyDefinition(interlocks, retry, checkpoint);
    }

    /// <summary>A <c>"retry"</c> object (bench-wide or per instrument), or null when absent.</summary>
    public static RetryPolicyDefinition? ReadRetry(JsonFields json, JsonElement parent, string parentPath)
    {
        if (json.OptionalObject(parent, "retry", parentPath) is not { } retry)
        {
            return null;
        }

        var path = JsonFields.Child(parentPath, "retry");
        json.RejectUnknown(retry, path, "attempts", "backoff", "reconnectWithin");
        var attempts = json.OptionalInt(retry, "attempts", path, 1, 10) ?? RetryPolicyDefinition.Default.Attempts;
        var backoff = json.OptionalQuantity(retry, "backoff", path, Dimension.TimeDim) is { } b
            ? NotNegative(json, JsonFields.Child(path, "backoff"), b)
            : RetryPolicyDefinition.Default.Backoff;
        var reconnect = json.OptionalQuantity(retry, "reconnectWithin", path, Dimension.TimeDim) is { } r
            ? r.SiValue is >= 0 and <= 3600 ? TimeSpan.FromSeconds(r.SiValue) : throw json.Error(JsonFields.Child(path, "reconnectWithin"), $"{r} is outside 0 s – 1 h.")
            : RetryPolicyDefinition.Default.ReconnectWithin;
        return new RetryPolicyDefinition(attempts, backoff) { ReconnectWithin = reconnect };
    }

    private static InterlockDefinition ReadInterlock(JsonFields json, string name, JsonElement element, string path, IReadOnlyDictionary<string, RoleDefinition> roles)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw json.Error(path, "an interlock is an object with a \"kind\" and a \"role\".");
        }

        var kindText = json.RequireString(element, "kind", path);
        if (!Kinds.TryGetValue(kindText, out var kind))
        {
            throw json.Error(JsonFields.Child(path, "kind"), $"'{kindText}' is not an interlock kind; kinds: {string.Join(", ", Kinds.Keys)}.");
        }

        json.RejectUnknown(element, path, [.. Common, .. FieldsOf(kind)]);
        var role = json.RequireString(element, "role", path);
        if (!roles.TryGetValue(role, out var played))
        {
            throw json.Error(JsonFields.Child(path, "role"), $"the bench has no role '{role}'; roles: {string.Join(", ", roles.Keys)}.");
        }

        if (!RolesFor[kind].Contains(played.Name, StringComparer.OrdinalIgnoreCase))
        {
            throw json.Error(JsonFields.Child(path, "role"), $"a {kindText} interlock reads the {string.Join(" or the ", RolesFor[kind])} role, not the {played.Name}.");
        }

        var period = Duration(json, element, "period", path) ?? DefaultPeriod(kind);
        var idle = Duration(json, element, "idlePeriod", path) ?? period;
        if (idle < period)
        {
            throw json.Error(JsonFields.Child(path, "idlePeriod"), $"must not be shorter than the period ({period.TotalSeconds:G4} s).");
        }

        var onTrip = json.OptionalString(element, "onTrip", path) switch
        {
            null => kind == InterlockKind.Latchup ? InterlockAction.Continue : InterlockAction.Stop,
            "continue" => InterlockAction.Continue,
            "stop" => InterlockAction.Stop,
            var other => throw json.Error(JsonFields.Child(path, "onTrip"), $"'{other}' is not an action; use \"continue\" or \"stop\"."),
        };
        var definition = new InterlockDefinition(name, kind, played.Name, period, idle, onTrip);
        return kind switch
        {
            InterlockKind.Latchup => ReadLatchup(json, element, path, definition),
            InterlockKind.OverTemperature => definition with
            {
                MaximumKelvin = json.OptionalQuantity(element, "maximum", path, Dimension.TemperatureDim)?.SiValue,
                MaximumRateKelvinPerSecond = Rate(json, element, path) ?? definition.MaximumRateKelvinPerSecond,
            },
            InterlockKind.ChamberDeviation => definition with
            {
                BandKelvin = json.OptionalQuantity(element, "band", path, Dimension.TemperatureDim) is { } band
                    ? PositiveNumber(json, JsonFields.Child(path, "band"), TemperatureDifference(json, JsonFields.Child(path, "band"), band))
                    : definition.BandKelvin,
                MaximumRateKelvinPerSecond = Rate(json, element, path) ?? definition.MaximumRateKelvinPerSecond,
            },
            InterlockKind.DoseOverrun => ReadOverrun(json, element, path, definition, Dimension.AbsorbedDose),
            _ => ReadOverrun(json, element, path, definition, Dimension.Fluence),
        };
    }

    private static readonly string[] Common = ["kind", "role", "period", "idlePeriod", "onTrip"];

    private static string[] FieldsOf(InterlockKind kind) => kind switch
    {
        InterlockKind.Latchup => ["threshold", "thresholdRatio", "hold", "powerOff", "responseTime", "activeWhen"],
        InterlockKind.OverTemperature => ["maximum", "maximumRate"],
        InterlockKind.ChamberDeviation => ["band", "maximumRate"],
        _ => ["tolerance", "maximum"],
    };

    private static TimeSpan DefaultPeriod(InterlockKind kind) => kind switch
    {
        InterlockKind.Latchup => TimeSpan.FromMilliseconds(100),
        _ => TimeSpan.FromSeconds(10),
    };

    private static InterlockDefinition ReadLatchup(JsonFields json, JsonElement element, string path, InterlockDefinition definition)
    {
        var threshold = json.OptionalQuantity(element, "threshold", path, Dimension.CurrentDim);
        double? ratio = null;
        if (element.TryGetProperty("thresholdRatio", out var r))
        {
            ratio = r.ValueKind == JsonValueKind.Number && r.TryGetDouble(out var value) && value > 1
                ? value
                : throw json.Error(JsonFields.Child(path, "thresholdRatio"), "must be a number above 1 (the reference's typical 1.5–2 × the normal current).");
        }

        if ((threshold is null) == (ratio is null))
        {
            throw json.Error(path, "give the latch-up threshold as either \"threshold\" (a current) or \"thresholdRatio\" (× the rail's highest normal current), not both or neither.");
        }

        var activity = json.OptionalString(element, "activeWhen", path) switch
        {
            null or "always" => InterlockActivity.Always,
            "beam" => InterlockActivity.Beam,
            var other => throw json.Error(JsonFields.Child(path, "activeWhen"), $"'{other}' is not a condition; use \"always\" or \"beam\"."),
        };
        return definition with
        {
            ThresholdAmperes = threshold is null ? null : PositiveNumber(json, JsonFields.Child(path, "threshold"), threshold.Value.SiValue),
            ThresholdRatio = ratio,
            Hold = Duration(json, element, "hold", path, allowZero: true) ?? definition.Hold,
            PowerOff = Duration(json, element, "powerOff", path) ?? definition.PowerOff,
            ResponseTime = Duration(json, element, "responseTime", path) ?? definition.ResponseTime,
            ActiveWhen = activity,
        };
    }

    private static InterlockDefinition ReadOverrun(JsonFields json, JsonElement element, string path, InterlockDefinition definition, Dimension dimension)
    {
        var tolerance = json.OptionalQuantity(element, "tolerance", path, Dimension.None);
        var maximum = json.OptionalQuantity(element, "maximum", path, dimension);
        return definition with
        {
            Tolerance = tolerance is null ? definition.Tolerance : NotNegativeNumber(json, JsonFields.Child(path, "tolerance"), tolerance.Value.SiValue),
            Maximum = maximum is null ? null : PositiveNumber(json, JsonFields.Child(path, "maximum"), maximum.Value.SiValue),
        };
    }

    // A band is a temperature difference: "5 °C" would be read as 278 K by an offset unit.
    private static double TemperatureDifference(JsonFields json, string path, Quantity band) =>
        band.Unit.Symbol.Contains('°', StringComparison.Ordinal) || band.Unit.Symbol.Contains('℃', StringComparison.Ordinal)
            ? throw json.Error(path, $"'{band}' is a temperature; a band is a difference: write it in K (\"5 K\").")
            : band.SiValue;

    private static double? Rate(JsonFields json, JsonElement element, string path) =>
        json.OptionalQuantity(element, "maximumRate", path, Dimension.TemperatureDim / Dimension.TimeDim) is { } rate
            ? PositiveNumber(json, JsonFields.Child(path, "maximumRate"), rate.SiValue)
            : null;

    private static TimeSpan? Duration(JsonFields json, JsonElement element, string name, string path, bool allowZero = false)
    {
        if (json.OptionalQuantity(element, name, path, Dimension.TimeDim) is not { } quantity)
        {
            return null;
        }

        return allowZero ? NotNegative(json, JsonFields.Child(path, name), quantity) : Positive(json, JsonFields.Child(path, name), quantity);
    }

    private static TimeSpan Positive(JsonFields json, string path, Quantity quantity) =>
        quantity.SiValue > 0 && quantity.SiValue < 1e9 ? TimeSpan.FromSeconds(quantity.SiValue) : throw json.Error(path, $"{quantity} must be longer than zero.");

    private static TimeSpan NotNegative(JsonFields json, string path, Quantity quantity) =>
        quantity.SiValue >= 0 && quantity.SiValue < 1e9 ? TimeSpan.FromSeconds(quantity.SiValue) : throw json.Error(path, $"{quantity} must not be negative.");

    private static double PositiveNumber(JsonFields json, string path, double value) =>
        value > 0 && double.IsFinite(value) ? value : throw json.Error(path, "must be greater than zero.");

    private static double NotNegativeNumber(JsonFields json, string path, double value) =>
        value >= 0 && double.IsFinite(value) ? value : throw json.Error(path, "must not be negative.");
}
