using System.Text.Json;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Bench.Duts;

/// <summary>
/// Reads the optional physics sections of a DUT profile into the simulation's working units: s, K, V, A, W,
/// rad(Si), cm², MeV·cm²/mg, MeV, bit/s, m. Every quantity must carry a unit of the right dimension; a
/// temperature difference must be in K (a °C value would be taken as an absolute temperature).
/// </summary>
internal sealed class DutPhysicsReader(JsonFields json, IReadOnlySet<string> rails)
{
    private const string Let = "MeV·cm²/mg";

    public DutThermalSpec? Thermal(JsonElement root)
    {
        if (json.OptionalObject(root, "thermal", "$") is not { } section)
        {
            return null;
        }

        const string path = "$.thermal";
        json.RejectUnknown(section, path, "caseTimeConstant", "vacuumTimeConstant", "caseToAmbientResistance", "junctionToCaseResistance",
            "leakageDoublingTemperature", "leakageReferenceTemperature", "maximumJunctionTemperature");
        return new DutThermalSpec(
            Positive(section, "caseTimeConstant", path, "s"),
            Positive(section, "vacuumTimeConstant", path, "s"),
            NonNegative(section, "caseToAmbientResistance", path, "K/W"),
            NonNegative(section, "junctionToCaseResistance", path, "K/W"),
            TemperatureDifference(section, "leakageDoublingTemperature", path),
            json.Require(section, "leakageReferenceTemperature", path, "K"),
            json.Require(section, "maximumJunctionTemperature", path, "K"));
    }

    public TotalDoseSpec? TotalDose(JsonElement root)
    {
        if (json.OptionalObject(root, "totalIonizingDose", "$") is not { } section)
        {
            return null;
        }

        const string path = "$.totalIonizingDose";
        json.RejectUnknown(section, path, "leakageRail", "leakageCurrentScale", "leakageDoseScale", "thresholdVoltage", "oxideTrappedChargeShift",
            "interfaceTrapShift", "interfaceTrapFraction", "reboundFraction", "unbiasedDamageFactor", "chargeYieldVoltage", "annealing", "functionalFailureDose",
            "dataCorruption", "limits");
        var annealingPath = JsonFields.Child(path, "annealing");
        var annealing = json.RequireObject(section, "annealing", path);
        json.RejectUnknown(annealing, annealingPath, "timeConstant", "referenceTemperature", "activationEnergy");
        var spec = new TotalDoseSpec(
            Rail(section, "leakageRail", path),
            NonNegative(section, "leakageCurrentScale", path, "A"),
            Positive(section, "leakageDoseScale", path, "rad(Si)"),
            json.Require(section, "thresholdVoltage", path, "V"),
            NonNegative(section, "oxideTrappedChargeShift", path, "V/rad(Si)"),
            NonNegative(section, "interfaceTrapShift", path, "V/rad(Si)"),
            Fraction(section, "interfaceTrapFraction", path),
            Fraction(section, "reboundFraction", path),
            Fraction(section, "unbiasedDamageFactor", path),
            Positive(annealing, "timeConstant", annealingPath, "s"),
            json.Require(annealing, "referenceTemperature", annealingPath, "K"),
            NonNegative(annealing, "activationEnergy", annealingPath, "eV"),
            Positive(section, "functionalFailureDose", path, "rad(Si)"));
        if (json.Optional(section, "chargeYieldVoltage", path, "V") is { } yieldVolts)
        {
            spec = spec with
            {
                ChargeYieldVoltageScale = yieldVolts > 0 ? yieldVolts : throw json.Error(JsonFields.Child(path, "chargeYieldVoltage"), "must be greater than zero."),
            };
        }

        if (json.OptionalObject(section, "dataCorruption", path) is { } corruption)
        {
            var corruptionPath = JsonFields.Child(path, "dataCorruption");
            json.RejectUnknown(corruption, corruptionPath, "onsetDose", "probabilityPerDose");
            spec = spec with
            {
                CorruptionOnsetDoseRad = NonNegative(corruption, "onsetDose", corruptionPath, "rad(Si)"),
                CorruptionProbabilityPerRad = NonNegative(corruption, "probabilityPerDose", corruptionPath, "rad(Si)^-1"),
            };
        }

        return spec;
    }

    public DoseLimits? DoseLimits(JsonElement root)
    {
        if (json.OptionalObject(root, "totalIonizingDose", "$") is not { } section ||
            json.OptionalObject(section, "limits", "$.totalIonizingDose") is not { } limits)
        {
            return null;
        }

        const string path = "$.totalIonizingDose.limits";
        json.RejectUnknown(limits, path, "leakageIncrease", "thresholdShift", "source");
        return new DoseLimits(
            json.OptionalQuantity(limits, "leakageIncrease", path, Dimension.CurrentDim),
            json.OptionalQuantity(limits, "thresholdShift", path, Dimension.Voltage),
            DutProfileLoader.RequireSource(json, limits, path));
    }

    /// <summary>
    /// The single-event limits the part must meet (<c>singleEventEffects.limits</c>): the functional interrupt (SEFI)
    /// cross-section under heavy ions and under protons, with their source. Every beam run judges the functional
    /// interrupts it caused against them, a run that does not test for them too.
    /// </summary>
    public SingleEventLimits? SingleEventLimits(JsonElement root)
    {
        if (json.OptionalObject(root, "singleEventEffects", "$") is not { } section ||
            json.OptionalObject(section, "limits", "$.singleEventEffects") is not { } limits)
        {
            return null;
        }

        const string path = "$.singleEventEffects.limits";
        json.RejectUnknown(limits, path, "functionalInterruptCrossSection", "protonFunctionalInterruptCrossSection", "source");
        return new SingleEventLimits(
            json.OptionalQuantity(limits, "functionalInterruptCrossSection", path, Dimension.Area),
            json.OptionalQuantity(limits, "protonFunctionalInterruptCrossSection", path, Dimension.Area),
            DutProfileLoader.RequireSource(json, limits, path));
    }

    public SingleEventSpec? SingleEvents(JsonElement root)
    {
        if (json.OptionalObject(root, "singleEventEffects", "$") is not { } section)
        {
            return null;
        }

        const string path = "$.singleEventEffects";
        json.RejectUnknown(section, path, "upset", "functionalInterrupt", "dataCorruption", "latchup", "limits");
        double bits = 0;
        SeeCrossSections? upset = null;
        if (json.OptionalObject(section, "upset", path) is { } upsetSection)
        {
            var upsetPath = JsonFields.Child(path, "upset");
            json.RejectUnknown(upsetSection, upsetPath, "bits", "heavyIon", "proton");
            bits = Positive(upsetSection, "bits", upsetPath, "bit");
            upset = CrossSections(upsetSection, upsetPath, "cm²/bit");
        }

        SeeCrossSections? interrupt = null;
        var recovery = 1.0;
        if (json.OptionalObject(section, "functionalInterrupt", path) is { } interruptSection)
        {
            var interruptPath = JsonFields.Child(path, "functionalInterrupt");
            json.RejectUnknown(interruptSection, interruptPath, "heavyIon", "proton", "softResetRecovery");
            interrupt = CrossSections(interruptSection, interruptPath, "cm²");
            recovery = Fraction(interruptSection, "softResetRecovery", interruptPath);
        }

        SeeCrossSections? corruption = null;
        if (json.OptionalObject(section, "dataCorruption", path) is { } corruptionSection)
        {
            var corruptionPath = JsonFields.Child(path, "dataCorruption");
            json.RejectUnknown(corruptionSection, corruptionPath, "heavyIon", "proton");
            corruption = CrossSections(corruptionSection, corruptionPath, "cm²");
        }

        var latchups = Latchups(section, path);
        return new SingleEventSpec(bits, upset, interrupt, recovery, corruption, latchups.FirstOrDefault()) { Latchups = latchups };
    }

    public WorkloadSpec Workload(JsonElement root)
    {
        if (json.OptionalObject(root, "workload", "$") is not { } section)
        {
            return WorkloadSpec.Default;
        }

        const string path = "$.workload";
        json.RejectUnknown(section, path, "inferenceRate", "bootTime");
        return new WorkloadSpec(Positive(section, "inferenceRate", path, "Hz"), NonNegative(section, "bootTime", path, "s"));
    }

    public OpticalTerminalSpec? OpticalTerminal(JsonElement root)
    {
        if (json.OptionalObject(root, "opticalTerminal", "$") is not { } section)
        {
            return null;
        }

        const string path = "$.opticalTerminal";
        json.RejectUnknown(section, path, "modulation", "dataRate", "wavelength", "transmitPower", "beamDivergence", "sensitivity",
            "receiverPenalty", "frequencyTrackingRange", "frequencyTrackingRate", "acquisitionTime", "acquisitionThreshold", "processingLatency", "apertureDiameter");
        var modulationText = json.RequireString(section, "modulation", path);
        var modulation = modulationText.ToUpperInvariant() switch
        {
            "OOK" => OpticalModulation.OnOffKeying,
            "DPSK" => OpticalModulation.DifferentialPhaseShiftKeying,
            "BPSK" or "BPSK-HOMODYNE" => OpticalModulation.HomodyneBinaryPhaseShiftKeying,
            _ => throw json.Error(JsonFields.Child(path, "modulation"), $"'{modulationText}' is not a modulation the receiver models know: OOK, DPSK or BPSK-homodyne."),
        };
        var sensitivity = json.Optional(section, "sensitivity", path, "W");
        var penalty = json.Optional(section, "receiverPenalty", path, "");
        if (modulation == OpticalModulation.OnOffKeying && sensitivity is null)
        {
            throw json.Error(JsonFields.Child(path, "sensitivity"), "an OOK receiver needs its sensitivity: the received power for BER 1e-9 (e.g. \"-35 dBm\").");
        }

        if (modulation != OpticalModulation.OnOffKeying && penalty is null)
        {
            throw json.Error(JsonFields.Child(path, "receiverPenalty"), $"a {modulationText} receiver needs its implementation penalty over the quantum limit (e.g. \"3 dB\").");
        }

        return new OpticalTerminalSpec(
            modulation,
            Positive(section, "dataRate", path, "bit/s"),
            Positive(section, "wavelength", path, "m"),
            Positive(section, "transmitPower", path, "W"),
            Positive(section, "beamDivergence", path, "rad"),
            sensitivity ?? 0,
            penalty is { } p ? 10 * Math.Log10(p) : 0,
            NonNegative(section, "frequencyTrackingRange", path, "Hz"),
            NonNegative(section, "acquisitionTime", path, "s"),
            Positive(section, "acquisitionThreshold", path, "W"),
            NonNegative(section, "processingLatency", path, "s"),
            json.Optional(section, "frequencyTrackingRate", path, "Hz/s"))
        {
            ApertureMetres = json.Optional(section, "apertureDiameter", path, "m"),
        };
    }

    /// <summary>
    /// The latch-up paths: <c>"latchup"</c> is one path (an object naming its rail) or a list of them, one per rail
    /// that has a parasitic thyristor (the core rail's as well as the I/O rail's); absent: immune.
    /// </summary>
    private List<LatchupSpec> Latchups(JsonElement section, string path)
    {
        var latchupPath = JsonFields.Child(path, "latchup");
        if (!section.TryGetProperty("latchup", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            return [Latchup(element, latchupPath)];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw json.Error(latchupPath, "give one latch-up path (an object with its \"rail\") or a list of them, one per rail.");
        }

        var paths = new List<LatchupSpec>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{latchupPath}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw json.Error(itemPath, "a latch-up path is an object with its \"rail\", cross-section and holding characteristics.");
            }

            var latchup = Latchup(item, itemPath);
            if (paths.Any(p => p.Rail == latchup.Rail))
            {
                throw json.Error(JsonFields.Child(itemPath, "rail"), $"the {latchup.Rail} rail already has a latch-up path; give one per rail.");
            }

            paths.Add(latchup);
        }

        return paths;
    }

    private LatchupSpec Latchup(JsonElement latchup, string latchupPath)
    {
        json.RejectUnknown(latchup, latchupPath, "rail", "heavyIon", "referenceTemperature", "referenceVoltage", "thresholdTemperatureScale",
            "thresholdVoltageExponent", "holdingVoltage", "holdingCurrent", "latchResistance", "burnoutTime", "source");
        var heavyIon = json.RequireObject(latchup, "heavyIon", latchupPath);
        return new LatchupSpec(
            Rail(latchup, "rail", latchupPath),
            HeavyIonWeibull(heavyIon, JsonFields.Child(latchupPath, "heavyIon"), "cm²"),
            json.Require(latchup, "referenceTemperature", latchupPath, "K"),
            Positive(latchup, "referenceVoltage", latchupPath, "V"),
            TemperatureDifference(latchup, "thresholdTemperatureScale", latchupPath),
            NonNegative(latchup, "thresholdVoltageExponent", latchupPath, ""),
            Positive(latchup, "holdingVoltage", latchupPath, "V"),
            Positive(latchup, "holdingCurrent", latchupPath, "A"),
            Positive(latchup, "latchResistance", latchupPath, "Ω"),
            json.Optional(latchup, "burnoutTime", latchupPath, "s"));
    }

    private SeeCrossSections CrossSections(JsonElement section, string path, string crossSectionUnit)
    {
        var heavyIon = json.OptionalObject(section, "heavyIon", path);
        var proton = json.OptionalObject(section, "proton", path);
        if (heavyIon is null && proton is null)
        {
            throw json.Error(path, "give the cross-section for heavy ions (\"heavyIon\"), protons (\"proton\") or both.");
        }

        return new SeeCrossSections(
            heavyIon is { } h ? HeavyIonWeibull(h, JsonFields.Child(path, "heavyIon"), crossSectionUnit) : null,
            proton is { } p ? ProtonWeibull(p, JsonFields.Child(path, "proton"), crossSectionUnit) : null);
    }

    private WeibullCrossSection HeavyIonWeibull(JsonElement element, string path, string crossSectionUnit)
    {
        json.RejectUnknown(element, path, "saturationCrossSection", "thresholdLet", "width", "shape");
        return new WeibullCrossSection(
            Positive(element, "saturationCrossSection", path, crossSectionUnit),
            NonNegative(element, "thresholdLet", path, Let),
            Positive(element, "width", path, Let),
            Positive(element, "shape", path, ""));
    }

    private WeibullCrossSection ProtonWeibull(JsonElement element, string path, string crossSectionUnit)
    {
        json.RejectUnknown(element, path, "saturationCrossSection", "thresholdEnergy", "width", "shape");
        return new WeibullCrossSection(
            Positive(element, "saturationCrossSection", path, crossSectionUnit),
            NonNegative(element, "thresholdEnergy", path, "MeV"),
            Positive(element, "width", path, "MeV"),
            Positive(element, "shape", path, ""));
    }

    private string Rail(JsonElement element, string name, string path)
    {
        var rail = json.RequireString(element, name, path);
        return rails.Contains(rail)
            ? rail
            : throw json.Error(JsonFields.Child(path, name), $"no supply rail '{rail}' in this profile; rails: {string.Join(", ", rails)}.");
    }

    private double Positive(JsonElement element, string name, string path, string unit)
    {
        var value = json.Require(element, name, path, unit);
        return value > 0 ? value : throw json.Error(JsonFields.Child(path, name), "must be greater than zero.");
    }

    private double NonNegative(JsonElement element, string name, string path, string unit)
    {
        var value = json.Require(element, name, path, unit);
        return value >= 0 ? value : throw json.Error(JsonFields.Child(path, name), "must not be negative.");
    }

    private double Fraction(JsonElement element, string name, string path)
    {
        var value = json.Require(element, name, path, "");
        return value is >= 0 and <= 1 ? value : throw json.Error(JsonFields.Child(path, name), "must be between 0 and 100 %.");
    }

    private double TemperatureDifference(JsonElement element, string name, string path)
    {
        var quantity = json.RequireQuantity(element, name, path, Dimension.TemperatureDim);
        if (quantity.Unit.Offset != 0)
        {
            throw json.Error(JsonFields.Child(path, name), $"'{quantity}' is a temperature, not a temperature difference: write it in K.");
        }

        return quantity.SiValue > 0 ? quantity.SiValue : throw json.Error(JsonFields.Child(path, name), "must be greater than zero.");
    }
}
