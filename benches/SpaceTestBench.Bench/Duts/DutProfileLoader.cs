using System.Text.Json;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Bench.Duts;

/// <summary>
/// Reads DUT profiles (<c>fixtures/duts/*.json</c>), checking every quantity's unit. The supply section is
/// required; the thermal, total-dose, single-event, workload and optical-terminal sections are optional
/// (see docs/simulators.md for the schema).
/// </summary>
public static class DutProfileLoader
{
    /// <summary>Loads <paramref name="file"/>; throws <see cref="BenchConfigurationException"/> naming file and path.</summary>
    public static DutProfile Load(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fullPath = Path.GetFullPath(file);
        using var document = JsonFields.Load(fullPath);
        var json = new JsonFields(fullPath);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw json.Error("$", "a DUT profile is a JSON object.");
        }

        json.RejectUnknown(root, "$", "id", "name", "description", "serialNumber", "supplies",
            "thermal", "totalIonizingDose", "singleEventEffects", "workload", "opticalTerminal", "testArticle");
        var rails = new Dictionary<string, SupplyRail>(StringComparer.Ordinal);
        foreach (var property in json.RequireObject(root, "supplies", "$").EnumerateObject())
        {
            rails[property.Name] = ReadRail(json, property.Name, property.Value, JsonFields.Child("$.supplies", property.Name));
        }

        if (rails.Count == 0)
        {
            throw json.Error("$.supplies", "a DUT needs at least one supply rail.");
        }

        var id = json.RequireString(root, "id", "$");
        var name = json.RequireString(root, "name", "$");
        var serial = json.OptionalString(root, "serialNumber", "$");
        var physics = new DutPhysicsReader(json, rails.Keys.ToHashSet(StringComparer.Ordinal));
        var simulated = new SimulatedDut(name, rails.ToDictionary(r => r.Key, r => r.Value.Load, StringComparer.Ordinal))
        {
            Id = id,
            SerialNumber = serial ?? "",
            Thermal = physics.Thermal(root),
            TotalDose = physics.TotalDose(root),
            SingleEvents = physics.SingleEvents(root),
            Workload = physics.Workload(root),
            OpticalTerminal = physics.OpticalTerminal(root),
            Protections = rails.Where(r => r.Value.Protection is not null).ToDictionary(r => r.Key, r => r.Value.Protection!.Physics, StringComparer.Ordinal),
        };
        return new DutProfile(fullPath, id, name, json.OptionalString(root, "description", "$"), serial, rails)
        {
            Physics = simulated,
            DoseLimits = physics.DoseLimits(root),
            SingleEventLimits = physics.SingleEventLimits(root),
            TestArticle = ReadTestArticle(json, root),
        };
    }

    /// <summary>The test article's identity (<c>"testArticle"</c>): part number, lot, date code, package, lid, control samples.</summary>
    private static Results.Provenance.TestArticleInfo? ReadTestArticle(JsonFields json, JsonElement root)
    {
        if (json.OptionalObject(root, "testArticle", "$") is not { } article)
        {
            return null;
        }

        const string path = "$.testArticle";
        json.RejectUnknown(article, path, "partNumber", "manufacturer", "lot", "dateCode", "package", "delidded", "controlSamples");
        bool? delidded = null;
        if (article.TryGetProperty("delidded", out var lid) && lid.ValueKind != JsonValueKind.Null)
        {
            delidded = lid.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? lid.GetBoolean()
                : throw json.Error(JsonFields.Child(path, "delidded"), "must be true (lid removed for heavy-ion exposure) or false.");
        }

        var controls = new List<string>();
        if (article.TryGetProperty("controlSamples", out var samples) && samples.ValueKind != JsonValueKind.Null)
        {
            if (samples.ValueKind != JsonValueKind.Array)
            {
                throw json.Error(JsonFields.Child(path, "controlSamples"), "must be a list of the control samples' serial numbers.");
            }

            var index = 0;
            foreach (var sample in samples.EnumerateArray())
            {
                controls.Add(sample.ValueKind == JsonValueKind.String && sample.GetString() is { Length: > 0 } serial
                    ? serial
                    : throw json.Error($"{path}.controlSamples[{index}]", "a control sample is named by its serial number (a non-empty string)."));
                index++;
            }
        }

        var dateCode = json.OptionalString(article, "dateCode", path);
        return new Results.Provenance.TestArticleInfo(
            json.OptionalString(article, "partNumber", path), json.OptionalString(article, "manufacturer", path),
            json.OptionalString(article, "lot", path), dateCode, json.OptionalString(article, "package", path), delidded, controls);
    }

    private static SupplyRail ReadRail(JsonFields json, string name, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw json.Error(path, "a supply rail is an object.");
        }

        json.RejectUnknown(element, path, "nominalVoltage", "maximumVoltage", "currentLimit", "supplyCurrent", "model", "protection");
        var nominal = InRange(json, json.RequireQuantity(element, "nominalVoltage", path, Dimension.Voltage), path, "nominalVoltage", above: 0, MaximumVolts, "V");
        var maximum = json.OptionalQuantity(element, "maximumVoltage", path, Dimension.Voltage) is { } given
            ? InRange(json, given, path, "maximumVoltage", above: 0, MaximumVolts, "V")
            : (Quantity?)null;
        if (maximum is { } max && max < nominal)
        {
            throw json.Error(JsonFields.Child(path, "maximumVoltage"), $"{max} is below the nominal voltage {nominal}.");
        }

        var limit = InRange(json, json.RequireQuantity(element, "currentLimit", path, Dimension.CurrentDim), path, "currentLimit", above: 0, MaximumAmperes, "A");
        var currentPath = JsonFields.Child(path, "supplyCurrent");
        var current = json.RequireObject(element, "supplyCurrent", path);
        json.RejectUnknown(current, currentPath, "min", "max", "source");
        var source = RequireSource(json, current, currentPath);
        var min = InRange(json, json.RequireQuantity(current, "min", currentPath, Dimension.CurrentDim), currentPath, "min", atLeast: 0, MaximumAmperes, "A");
        var maxCurrent = InRange(json, json.RequireQuantity(current, "max", currentPath, Dimension.CurrentDim), currentPath, "max", atLeast: 0, MaximumAmperes, "A");
        if (min > maxCurrent)
        {
            throw json.Error(currentPath, $"min {min} is above max {maxCurrent}.");
        }

        var modelPath = JsonFields.Child(path, "model");
        var model = json.RequireObject(element, "model", path);
        json.RejectUnknown(model, modelPath, "dynamicCurrent", "leakageCurrent", "leakageVoltageScale", "powerOnResetVoltage", "inputCapacitance");
        var load = new CmosSupplyLoad(
            nominal.SiValue,
            InRange(json, json.RequireQuantity(model, "dynamicCurrent", modelPath, Dimension.CurrentDim), modelPath, "dynamicCurrent", atLeast: 0, MaximumAmperes, "A").SiValue,
            InRange(json, json.RequireQuantity(model, "leakageCurrent", modelPath, Dimension.CurrentDim), modelPath, "leakageCurrent", atLeast: 0, MaximumAmperes, "A").SiValue,
            InRange(json, json.RequireQuantity(model, "leakageVoltageScale", modelPath, Dimension.Voltage), modelPath, "leakageVoltageScale", above: 0, MaximumVolts, "V").SiValue,
            InRange(json, json.RequireQuantity(model, "powerOnResetVoltage", modelPath, Dimension.Voltage), modelPath, "powerOnResetVoltage", above: 0, MaximumVolts, "V").SiValue)
        {
            InputCapacitanceFarads = json.OptionalQuantity(model, "inputCapacitance", modelPath, Dimension.Capacitance) is { } capacitance
                ? InRange(json, capacitance, modelPath, "inputCapacitance", atLeast: 0, MaximumFarads, "F").SiValue
                : 0,
        };
        if (load.LeakageVoltageScale <= 0 || load.PowerOnResetVolts <= 0 || load.InputCapacitanceFarads < 0)
        {
            throw json.Error(modelPath, "leakageVoltageScale and powerOnResetVoltage must be positive, inputCapacitance not negative.");
        }

        return new SupplyRail(name, nominal, limit, Limit.Between(min, maxCurrent), load)
        {
            MaximumVoltage = maximum, SupplyCurrentSource = source, Protection = RailProtection.Read(json, element, path),
        };
    }

    /// <summary>
    /// The <c>source</c> of a limit object: every limit names where it comes from (a datasheet table and parameter,
    /// a specification and its clause), because the report shows it beside the limit and a reviewer checks it there.
    /// </summary>
    internal static string RequireSource(JsonFields json, JsonElement limits, string path) =>
        limits.TryGetProperty("source", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : throw json.Error(JsonFields.Child(path, "source"),
                "every limit names its source: give \"source\" as the datasheet table and parameter, or the specification and clause, the limits come from (the report shows it beside each limit).");

    // What a DUT on a qualification bench can be: a board of space computing hardware, not a substation. A
    // value beyond these is a typo (a sign, a unit prefix, an exponent) that would run the physics somewhere
    // meaningless and still produce numbers, so it is refused with the bound and the field.
    private const double MaximumVolts = 1000;
    private const double MaximumAmperes = 1000;
    private const double MaximumFarads = 1;

    private static Quantity InRange(JsonFields json, Quantity value, string path, string name, double above, double maximum, string unit) =>
        value.SiValue > above && value.SiValue <= maximum
            ? value
            : throw json.Error(JsonFields.Child(path, name), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value} is outside the physical range of a DUT: it must be above {above} {unit} and at most {maximum} {unit}."));

    private static Quantity InRange(JsonFields json, Quantity value, string path, string name, int atLeast, double maximum, string unit) =>
        value.SiValue >= atLeast && value.SiValue <= maximum
            ? value
            : throw json.Error(JsonFields.Child(path, name), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value} is outside the physical range of a DUT: it must be at least {atLeast} {unit} and at most {maximum} {unit}."));
}
