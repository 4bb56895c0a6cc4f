using System.Text.Json;
using SpaceTestBench.Instruments;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Simulation;
using SpaceTestBench.Simulation.Hosting;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Bench.Definitions;

/// <summary>
/// Reads and checks a bench file before any instrument is touched: models must have drivers (and
/// simulators when simulated), resource strings must parse, roles must be roles of the facility's
/// vocabulary, name instruments that exist, and be played by instruments whose drivers can play them;
/// simulated instruments may choose their protocol and declare faults to inject.
/// </summary>
public static class BenchDefinitionLoader
{
    private static readonly string[] SimulatedOnlyFields = ["protocol", "port", "faults"];

    /// <summary>The resource value that asks for a simulator.</summary>
    public const string SimulatedResource = "simulated";

    /// <summary>Loads <paramref name="file"/>; throws <see cref="BenchConfigurationException"/> naming file and path.</summary>
    public static BenchDefinition Load(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fullPath = Path.GetFullPath(file);
        using var document = JsonFields.Load(fullPath);
        var json = new JsonFields(fullPath);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw json.Error("$", "a bench file is a JSON object.");
        }

        json.RejectUnknown(root, "$", "name", "description", "clock", "clockStart", "dut", "seed", "instruments", "roles", "safety", "facility");
        var name = json.RequireString(root, "name", "$");
        var description = json.OptionalString(root, "description", "$");
        var clockText = json.OptionalString(root, "clock", "$") ?? "virtual";
        var clock = clockText switch
        {
            "virtual" => BenchClockKind.Virtual,
            "wall" => BenchClockKind.Wall,
            _ => throw json.Error("$.clock", $"'{clockText}' is not a clock; use \"virtual\" (simulated bench) or \"wall\" (real instruments)."),
        };
        var clockStart = json.OptionalInstant(root, "clockStart", "$");
        if (clockStart is not null && clock == BenchClockKind.Wall)
        {
            throw json.Error("$.clockStart", "a wall clock starts at the wall clock's now; clockStart sets where a virtual clock starts. Remove it, or use \"clock\": \"virtual\".");
        }

        var dut = json.OptionalString(root, "dut", "$");
        var dutPath = dut is null ? null : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fullPath)!, dut));
        var seed = json.OptionalInt(root, "seed", "$", 0, int.MaxValue) ?? 1;

        var instruments = new Dictionary<string, InstrumentDefinition>(StringComparer.Ordinal);
        foreach (var property in json.RequireObject(root, "instruments", "$").EnumerateObject())
        {
            var path = JsonFields.Child("$.instruments", property.Name);
            instruments[property.Name] = ReadInstrument(json, property.Name, property.Value, path, clock, RolesNaming(root, property.Name));
        }

        var roles = new Dictionary<string, RoleDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in json.RequireObject(root, "roles", "$").EnumerateObject())
        {
            var path = JsonFields.Child("$.roles", property.Name);
            roles[property.Name] = ReadRole(json, property.Name, property.Value, path, instruments);
        }

        var (facility, operatorName) = FacilityDefinitionReader.ReadFacility(json, root);
        return new BenchDefinition(fullPath, name, description, clock, dutPath, seed, instruments, roles)
        {
            Safety = SafetyDefinitionReader.Read(json, root, roles),
            Facility = facility,
            Operator = operatorName,
            ClockStart = clockStart,
        };
    }

    /// <summary>The role names the bench file gives instrument <paramref name="id"/>, for messages ("role 'DUT supply'").</summary>
    private static string RolesNaming(JsonElement root, string id)
    {
        var names = root.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Object
            ? roles.EnumerateObject()
                .Where(r => r.Value.ValueKind == JsonValueKind.Object && r.Value.TryGetProperty("instrument", out var i) && i.ValueKind == JsonValueKind.String && i.GetString() == id)
                .Select(r => $"'{r.Name}'")
                .ToList()
            : [];
        return names.Count == 0 ? $"instrument '{id}' (no role)" : $"instrument '{id}' for role {string.Join(", ", names)}";
    }

    private static InstrumentDefinition ReadInstrument(JsonFields json, string id, JsonElement element, string path, BenchClockKind clock, string playing)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw json.Error(path, "an instrument is an object with model and resource.");
        }

        json.RejectUnknown(element, path, ["model", "resource", "serialNumber", "calibrationDue", "calibrationUncertainty", "timeoutMs", "retry", "protocol", "port", "faults", .. FacilityDefinitionReader.InstrumentFields]);
        var model = json.RequireString(element, "model", path);
        if (!InstrumentDrivers.TryGet(model, out _))
        {
            var resourceText = element.TryGetProperty("resource", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : "(none)";
            throw json.Error(JsonFields.Child(path, "model"),
                $"no driver for the model '{model}' ({playing}, resource {resourceText}); known models: {string.Join(", ", InstrumentDrivers.All.Select(d => d.Model))}.");
        }

        var resource = json.RequireString(element, "resource", path);
        string? visaResource = null;
        if (resource.Equals(SimulatedResource, StringComparison.OrdinalIgnoreCase))
        {
            if (!SimulatorCatalog.Models.Contains(model, StringComparer.OrdinalIgnoreCase))
            {
                throw json.Error(JsonFields.Child(path, "resource"), $"there is no simulator of the {model}; give its VISA resource string.");
            }

            if (clock == BenchClockKind.Wall)
            {
                throw json.Error(JsonFields.Child(path, "resource"), "a simulated instrument needs the virtual clock; set \"clock\": \"virtual\".");
            }
        }
        else
        {
            try
            {
                visaResource = ResourceName.Parse(resource).ThrowIfUnsupported().Original;
            }
            catch (ResourceNameException e)
            {
                throw json.Error(JsonFields.Child(path, "resource"), e.Message);
            }
        }

        var simulatedOnly = SimulatedOnlyFields.FirstOrDefault(f => visaResource is not null && element.TryGetProperty(f, out _));
        if (simulatedOnly is not null)
        {
            throw json.Error(JsonFields.Child(path, simulatedOnly), "applies to simulated instruments only; a real instrument's protocol is in its resource string.");
        }

        return new InstrumentDefinition(
            id, model, visaResource, json.OptionalString(element, "serialNumber", path),
            json.OptionalDate(element, "calibrationDue", path),
            json.OptionalInt(element, "timeoutMs", path, 1, 600_000) ?? 2000)
        {
            Protocol = ReadProtocol(json, element, path),
            Port = json.OptionalInt(element, "port", path, 0, 65535) ?? 0,
            Retry = SafetyDefinitionReader.ReadRetry(json, element, path),
            Faults = FaultDefinitionReader.Read(json, element, path),
            CalibrationUncertainty = json.OptionalQuantity(element, "calibrationUncertainty", path, Dimension.None),
            Calibration = FacilityDefinitionReader.ReadCalibration(json, element, path),
            Dosimetry = FacilityDefinitionReader.ReadDosimetry(json, element, path),
        };
    }

    private static SimulatorProtocol ReadProtocol(JsonFields json, JsonElement element, string path)
    {
        var text = json.OptionalString(element, "protocol", path);
        var protocol = text?.ToUpperInvariant() switch
        {
            null or "SOCKET" => SimulatorProtocol.Socket,
            "VXI11" or "VXI-11" => SimulatorProtocol.Vxi11,
            "HISLIP" => SimulatorProtocol.HiSlip,
            _ => throw json.Error(JsonFields.Child(path, "protocol"), $"'{text}' is not a protocol; use \"socket\", \"vxi11\" or \"hislip\"."),
        };
        return SimulatorServer.IsAvailable(protocol)
            ? protocol
            : throw json.Error(JsonFields.Child(path, "protocol"), $"the VISA layer of this build cannot serve {text} yet; use \"socket\".");
    }

    private static RoleDefinition ReadRole(JsonFields json, string name, JsonElement element, string path, Dictionary<string, InstrumentDefinition> instruments)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw json.Error(path, "a role is an object naming its instrument.");
        }

        if (!BenchRoles.TryGet(name, out var kind))
        {
            var player = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("instrument", out var i) && i.ValueKind == JsonValueKind.String &&
                instruments.TryGetValue(i.GetString()!, out var played)
                ? $" (given to '{played.Id}', the {played.Model} at {played.Resource ?? SimulatedResource})"
                : "";
            throw json.Error(path, $"'{name}'{player} is not a role of the facility's vocabulary; roles: {string.Join(", ", BenchRoles.All.Select(r => r.Name))}.");
        }

        json.RejectUnknown(element, path, "instrument", "channel", "rail");
        var instrument = json.RequireString(element, "instrument", path);
        if (!instruments.TryGetValue(instrument, out var definition))
        {
            throw json.Error(JsonFields.Child(path, "instrument"), $"no instrument '{instrument}' on this bench; instruments: {string.Join(", ", instruments.Keys)}.");
        }

        InstrumentDrivers.TryGet(definition.Model, out var driver);
        if (!driver.Implements(kind.Capability))
        {
            throw json.Error(JsonFields.Child(path, "instrument"), $"the {kind.Name} role needs {kind.Description}, and the {definition.Model} ('{instrument}') is not one.");
        }

        return new RoleDefinition(kind.Name, instrument, json.OptionalInt(element, "channel", path, 1, 64), json.OptionalString(element, "rail", path));
    }
}
