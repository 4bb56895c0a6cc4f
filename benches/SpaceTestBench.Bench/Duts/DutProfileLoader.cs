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
            "thermal", "totalIonizingDose", "singleEventEffects", "workload", "opticalTerminal");
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
        };
        return new DutProfile(fullPath, id, name, json.OptionalString(root, "description", "$"), serial, rails)
        {
            Physics = simulated,
            DoseLimits = physics.DoseLimits(root),
        };
    }

    private static SupplyRail ReadRail(JsonFields json, string name, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw json.Error(path, "a supply rail is an object.");
        }

        json.RejectUnknown(element, path, "nominalVoltage", "maximumVoltage", "currentLimit", "supplyCurrent", "model");
        var nominal = json.RequireQuantity(element, "nominalVoltage", path, Dimension.Voltage);
        var maximum = json.OptionalQuantity(element, "maximumVoltage", path, Dimension.Voltage);
        if (maximum is { } max && max < nominal)
        {
            throw json.Error(JsonFields.Child(path, "maximumVoltage"), $"{max} is below the nominal voltage {nominal}.");
        }

        var limit = json.RequireQuantity(element, "currentLimit", path, Dimension.CurrentDim);
        var currentPath = JsonFields.Child(path, "supplyCurrent");
        var current = json.RequireObject(element, "supplyCurrent", path);
        json.RejectUnknown(current, currentPath, "min", "max");
        var min = json.RequireQuantity(current, "min", currentPath, Dimension.CurrentDim);
        var maxCurrent = json.RequireQuantity(current, "max", currentPath, Dimension.CurrentDim);
        if (min > maxCurrent)
        {
            throw json.Error(currentPath, $"min {min} is above max {maxCurrent}.");
        }

        var modelPath = JsonFields.Child(path, "model");
        var model = json.RequireObject(element, "model", path);
        json.RejectUnknown(model, modelPath, "dynamicCurrent", "leakageCurrent", "leakageVoltageScale", "powerOnResetVoltage", "inputCapacitance");
        var load = new CmosSupplyLoad(
            nominal.SiValue,
            json.RequireQuantity(model, "dynamicCurrent", modelPath, Dimension.CurrentDim).SiValue,
            json.RequireQuantity(model, "leakageCurrent", modelPath, Dimension.CurrentDim).SiValue,
            json.RequireQuantity(model, "leakageVoltageScale", modelPath, Dimension.Voltage).SiValue,
            json.RequireQuantity(model, "powerOnResetVoltage", modelPath, Dimension.Voltage).SiValue)
        {
            InputCapacitanceFarads = json.OptionalQuantity(model, "inputCapacitance", modelPath, Dimension.Capacitance)?.SiValue ?? 0,
        };
        if (load.LeakageVoltageScale <= 0 || load.PowerOnResetVolts <= 0 || load.InputCapacitanceFarads < 0)
        {
            throw json.Error(modelPath, "leakageVoltageScale and powerOnResetVoltage must be positive, inputCapacitance not negative.");
        }

        return new SupplyRail(name, nominal, limit, Limit.Between(min, maxCurrent), load) { MaximumVoltage = maximum };
    }
}
