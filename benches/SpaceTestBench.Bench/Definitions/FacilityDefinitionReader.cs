using System.Text.Json;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Bench.Definitions;

/// <summary>
/// Reads what a bench file says about the laboratory (<c>"facility"</c>: name, address, accreditation, the
/// report's document prefix, the default operator, the ambient conditions) and about each instrument's
/// calibration and dosimetry. Every quantity is checked for its unit, so "23 C" or "45" fail at load with the
/// file and JSON path rather than reaching a signed report.
/// </summary>
internal static class FacilityDefinitionReader
{
    public static readonly string[] InstrumentFields = ["calibrationCertificate", "calibrationLaboratory", "calibrationNotRequired", "dosimetry"];

    public static (FacilityInfo? Facility, string? Operator) ReadFacility(JsonFields json, JsonElement root)
    {
        if (json.OptionalObject(root, "facility", "$") is not { } facility)
        {
            return (null, null);
        }

        const string path = "$.facility";
        json.RejectUnknown(facility, path, "name", "address", "accreditation", "documentPrefix", "operator", "ambient");
        AccreditationInfo? accreditation = null;
        if (json.OptionalObject(facility, "accreditation", path) is { } a)
        {
            var aPath = JsonFields.Child(path, "accreditation");
            json.RejectUnknown(a, aPath, "body", "number", "standard", "scope");
            accreditation = new AccreditationInfo(
                json.RequireString(a, "body", aPath), json.RequireString(a, "number", aPath),
                json.OptionalString(a, "standard", aPath), json.OptionalString(a, "scope", aPath));
        }

        var prefix = json.OptionalString(facility, "documentPrefix", path);
        if (prefix is not null && (prefix.Length is 0 or > 32 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw json.Error(JsonFields.Child(path, "documentPrefix"), $"'{prefix}' cannot start a document number; use up to 32 letters, digits, '-', '_' or '.'.");
        }

        var info = new FacilityInfo(json.RequireString(facility, "name", path), json.OptionalString(facility, "address", path))
        {
            Accreditation = accreditation,
            DocumentPrefix = prefix,
            Ambient = ReadAmbient(json, facility, path),
        };
        return (info, json.OptionalString(facility, "operator", path));
    }

    public static CalibrationRecord ReadCalibration(JsonFields json, JsonElement instrument, string path)
    {
        var due = json.OptionalDate(instrument, "calibrationDue", path);
        var certificate = json.OptionalString(instrument, "calibrationCertificate", path);
        var laboratory = json.OptionalString(instrument, "calibrationLaboratory", path);
        var notRequired = json.OptionalString(instrument, "calibrationNotRequired", path);
        if (notRequired is not null && (due is not null || certificate is not null))
        {
            throw json.Error(JsonFields.Child(path, "calibrationNotRequired"),
                "an instrument either has a calibration (calibrationDue, calibrationCertificate) or needs none; remove one of them.");
        }

        if (notRequired is { Length: 0 })
        {
            throw json.Error(JsonFields.Child(path, "calibrationNotRequired"), "say why the instrument needs no calibration (it measures nothing the results depend on, say).");
        }

        if (certificate is not null && due is null)
        {
            throw json.Error(JsonFields.Child(path, "calibrationDue"), "a calibration certificate needs its due date (YYYY-MM-DD).");
        }

        return new CalibrationRecord(due, certificate, laboratory, notRequired);
    }

    public static DosimetryInfo? ReadDosimetry(JsonFields json, JsonElement instrument, string path)
    {
        if (json.OptionalObject(instrument, "dosimetry", path) is not { } d)
        {
            return null;
        }

        var dPath = JsonFields.Child(path, "dosimetry");
        json.RejectUnknown(d, dPath, "method", "uncertainty", "filterBox", "doseEnhancement", "fluenceUniformity", "ions", "note");
        var ions = new List<IonInfo>();
        if (json.OptionalObject(d, "ions", dPath) is { } table)
        {
            foreach (var ion in table.EnumerateObject())
            {
                var iPath = JsonFields.Child(JsonFields.Child(dPath, "ions"), ion.Name);
                if (ion.Value.ValueKind != JsonValueKind.Object)
                {
                    throw json.Error(iPath, "an ion is an object with species, energy, range and let.");
                }

                json.RejectUnknown(ion.Value, iPath, "species", "energy", "range", "let");
                ions.Add(new IonInfo(
                    ion.Name, json.OptionalString(ion.Value, "species", iPath),
                    QuantityText(json, ion.Value, "energy", iPath, Dimension.Energy),
                    QuantityText(json, ion.Value, "range", iPath, Dimension.LengthDim),
                    QuantityText(json, ion.Value, "let", iPath, Dimension.LinearEnergyTransfer)));
            }
        }

        return new DosimetryInfo(
            json.OptionalString(d, "method", dPath),
            QuantityText(json, d, "uncertainty", dPath, Dimension.None),
            json.OptionalString(d, "filterBox", dPath),
            json.OptionalString(d, "doseEnhancement", dPath),
            QuantityText(json, d, "fluenceUniformity", dPath, Dimension.None),
            ions,
            json.OptionalString(d, "note", dPath));
    }

    private static LaboratoryConditions? ReadAmbient(JsonFields json, JsonElement facility, string path)
    {
        if (json.OptionalObject(facility, "ambient", path) is not { } ambient)
        {
            return null;
        }

        var aPath = JsonFields.Child(path, "ambient");
        json.RejectUnknown(ambient, aPath, "temperature", "temperatureBand", "relativeHumidity", "humidityBand", "pressure", "note");
        return new LaboratoryConditions(
            Banded(QuantityText(json, ambient, "temperature", aPath, Dimension.TemperatureDim), QuantityText(json, ambient, "temperatureBand", aPath, Dimension.TemperatureDim)),
            Banded(QuantityText(json, ambient, "relativeHumidity", aPath, Dimension.None), QuantityText(json, ambient, "humidityBand", aPath, Dimension.None)),
            QuantityText(json, ambient, "pressure", aPath, Dimension.Pressure),
            json.OptionalString(ambient, "note", aPath));
    }

    private static string? Banded(string? value, string? band) => value is null ? null : band is null ? value : $"{value} ± {band}";

    /// <summary>An optional quantity, checked for its dimension and kept as the file wrote it.</summary>
    private static string? QuantityText(JsonFields json, JsonElement parent, string name, string path, Dimension dimension)
    {
        if (json.OptionalQuantity(parent, name, path, dimension) is not { } quantity)
        {
            return null;
        }

        // A bare number could be a fraction or a percentage: a proportion names its unit ("5 %").
        return dimension == Dimension.None && string.IsNullOrEmpty(quantity.Unit.Symbol)
            ? throw json.Error(JsonFields.Child(path, name), $"'{json.OptionalString(parent, name, path)}' has no unit; write a proportion with its unit, e.g. \"5 %\".")
            : json.OptionalString(parent, name, path);
    }
}
