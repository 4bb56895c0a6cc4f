using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Environment;

namespace SpaceTestBench.Simulation;

/// <summary>
/// The world's physical state as data, so a resumed run's simulated DUT carries what it had been through: the
/// sample mounted, its dose, trapped charge and interface traps, latch-ups and burn-out, the rails a surge damaged, its case temperature;
/// each chamber's air temperature, setpoint and pressure; each gamma cell's delivered dose, position, source
/// age and when its source was last raised and lowered; each beam line's fluence and dose; each thermal shock chamber's zones, basket and load; and each single-event
/// process's remaining hazard and event number, so its next events are the ones the uninterrupted world would have
/// drawn (the draws are counter-based, docs/simulators.md). What is left out is what a real bench's safe state and
/// settings restore decide again (power, shutter, source, supply outputs). Reading noise needs no state: it is keyed by
/// the bench instant of the reading.
/// </summary>
public sealed partial class SimulatedFacility
{
    /// <summary>The DUT model's members a checkpoint holds, for the station's sample and every sample of the lot.</summary>
    internal static readonly string[] DutQuantities = ["DoseRad", "OxideTrappedRad", "InterfaceTrapRad", "CaseKelvin", "LatchupCount", "BurntOut", "BurntOutRail", "BurntOutJunctionKelvin", "DamagedRails", "_remainingHazard", "_eventNumbers"];

    /// <summary>
    /// Every other member of the DUT model, with why a checkpoint leaves it out: what the part is, what is derived again at
    /// the next evaluation, or what the resume's safe state (every rail off) and settings restore decide again. A test
    /// sweeps the model's fields against this list and <see cref="DutQuantities"/>, so a member added to the model is
    /// classified before it can be lost on a resume unnoticed (issue 15).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> DutLeftOut = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Spec"] = "the part: the DUT profile, with the serial the capture names",
        ["Sample"] = "which sample: captured as the world's or the lot entry's sample number",
        ["_events"] = "the key of the sample's single-event streams, a function of the seed and the sample",
        ["_rails"] = "the wiring of the rails to the bench's supply outputs: the bench's, made again when it opens",
        ["_latches"] = "a latch holds only while its rail is powered, and the safe state switches every rail off; LatchupCount keeps the total",
        ["_protection"] = "the rails' protection (trip timers, surge accumulated, an injected fault load): re-armed by the safe state's power-off; a fault load a completed step applied is not given back",
        ["PowerWatts"] = "the power at the last evaluation: recomputed from the rails (or the board's bias) at the next one, before the temperature and the charge are integrated",
        ["_biasVolts"] = "the leakage rail's voltage at the last evaluation: recomputed as PowerWatts is",
        ["_temperatureSensitiveWatts"] = "the part of the power the leakage's temperature factor scales, at the last evaluation: recomputed as PowerWatts is",
        ["_leakageFactor"] = "a cache of the leakage temperature factor at the junction temperature below",
        ["_leakageFactorJunctionBits"] = "the junction temperature the cached factor is for",
        ["_doseLeakage"] = "a cache of the total-dose leakage at the oxide-trapped charge below",
        ["_doseLeakageOxideBits"] = "the oxide-trapped charge the cached dose leakage is for",
        ["_fieldRates"] = "a cache of the single-event rates the exposure below gives",
        ["_fieldRatesExposure"] = "the exposure the cached single-event rates are for",
        ["Powered"] = "the agent's state: the resume power-cycles the DUT and it boots again",
        ["BootUntil"] = "the agent's state: the resume power-cycles the DUT and it boots again",
        ["Workload"] = "the agent's state: the settings restore starts the workload again",
        ["Hung"] = "the agent's state: cleared by the resume's power cycle",
        ["HungRecoverable"] = "the agent's state: cleared by the resume's power cycle",
        ["Counters"] = "what the agent counts: a step reads it from its own start, and the cut step runs again from its start",
        ["_inferenceFraction"] = "the fraction of an inference under way: the workload starts again",
        ["LinkState"] = "the optical terminal's lock: acquired again after the resume's boot",
        ["LastAcquisitionSeconds"] = "the optical terminal's last acquisition time: acquired again after the resume's boot",
        ["_searchStart"] = "the optical terminal's acquisition under way: acquired again after the resume's boot",
        ["_signalSince"] = "the optical terminal's acquisition under way: acquired again after the resume's boot",
    };

    private static readonly string[] ChamberQuantities = ["Air", "AirRate", "Target", "Setpoint", "RampRate", "ControlOn", "Pressure", "PumpOn"];
    private static readonly string[] GammaQuantities = ["DoseRad", "Distance", "TargetRad", "_elapsed", "RaisedAt", "LoweredAt"];
    private static readonly string[] BeamQuantities = ["Fluence", "DoseRad"];
    private static readonly string[] ShockChamberQuantities = ["_air", "_setpoint", "_moveLeft", "BasketZone", "Load", "LoadTimeConstantSeconds"];

    /// <summary>The world's physical state now (evaluated to the clock's now first), as JSON.</summary>
    public string CaptureState()
    {
        lock (_gate)
        {
            AdvanceToNow();
            var state = new JsonObject
            {
                ["origin"] = Origin.UtcTicks,
                ["sample"] = Sample,
                ["serial"] = Dut.Spec.SerialNumber,
                ["dut"] = Capture(Dut, DutQuantities),
                ["chambers"] = new JsonArray([.. _chambers.Select(c => (JsonNode)Capture(c, ChamberQuantities))]),
                ["gammaCells"] = new JsonArray([.. _gammaCells.Select(c => (JsonNode)CaptureGammaCell(c))]),
                ["beams"] = new JsonArray([.. _beams.Select(b => (JsonNode)Capture(b, BeamQuantities))]),
                ["shockChambers"] = new JsonArray([.. _shockChambers.Select(c => (JsonNode)Capture(c, ShockChamberQuantities))]),
                ["lot"] = new JsonArray([.. _positions.Select(p => (JsonNode)CaptureLotSample(p.Key, p.Value))]),
            };
            return state.ToJsonString();
        }
    }

    /// <summary>
    /// Puts a state from <see cref="CaptureState"/> back (the same bench's world: its models in the same order).
    /// The sample it names is mounted again (same serial), then its physical quantities are set; the time between
    /// the capture and now is not integrated (nobody can say what the world did while the run was down).
    /// </summary>
    /// <exception cref="InvalidDataException">The state is not one of this world's.</exception>
    public void RestoreState(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var state = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("A simulated world's state is a JSON object.");
        lock (_gate)
        {
            AdvanceToNow();
            if ((long?)state["origin"] is { } origin)
            {
                Origin = new DateTimeOffset(origin, TimeSpan.Zero);
            }

            var sample = (int?)state["sample"] ?? 1;
            var serial = (string?)state["serial"];
            if (sample != Sample || (serial is not null && serial != Dut.Spec.SerialNumber))
            {
                Sample = sample;
                // The serial it had: the profile's numbering, or the one the campaign named for it.
                var spec = DutSpecification with { SerialNumber = serial ?? $"{(_firstSerial.Length > 0 ? _firstSerial : DutSpecification.Id)}.{Sample}" };
                var mounted = new DutModel(spec, _seed, Sample);
                foreach (var (rail, source) in Dut.Sources.ToList())
                {
                    mounted.Connect(rail, source);
                }

                Dut = mounted;
            }

            Restore(Dut, state["dut"] as JsonObject);
            RestoreAll(_chambers, state["chambers"] as JsonArray);
            RestoreAll(_gammaCells, state["gammaCells"] as JsonArray);
            RestoreAll(_beams, state["beams"] as JsonArray);
            RestoreShockChambers(state["shockChambers"] as JsonArray);
            RestoreLot(state["lot"] as JsonArray);
        }
    }

    /// <summary>
    /// A gamma cell's dose, position, source age and the controller's log of its source's moves. A source up at the
    /// capture is recorded as lowered at the capture: the restored world holds the dose delivered until then, and a
    /// resume's safe state lowers it (a real cell drops its source when it loses power), so that is where the exposure
    /// the restored physics carries ended.
    /// </summary>
    private JsonObject CaptureGammaCell(GammaCellModel cell)
    {
        var captured = Capture(cell, GammaQuantities);
        if (cell.SourceUp)
        {
            captured["LoweredAt"] = JsonSerializer.SerializeToNode(Now);
        }

        return captured;
    }

    private JsonObject CaptureLotSample(string serial, BoardPosition position)
    {
        var captured = new JsonObject
        {
            ["serial"] = serial,
            ["inField"] = position.InField,
            ["bias"] = new JsonObject([.. position.BiasVolts.Select(b => KeyValuePair.Create(b.Key, (JsonNode?)b.Value))]),
        };
        if (_board.TryGetValue(serial, out var model))
        {
            captured["sample"] = model.Sample;
            captured["dut"] = Capture(model, DutQuantities);
        }

        return captured;
    }

    /// <summary>The lot as captured: each sample at its position, those off the station with their physics.</summary>
    private void RestoreLot(JsonArray? lot)
    {
        _positions.Clear();
        _board.Clear();
        foreach (var entry in lot?.OfType<JsonObject>() ?? [])
        {
            var serial = (string?)entry["serial"] ?? throw new InvalidDataException("A lot sample of the saved world has no serial.");
            var bias = (entry["bias"] as JsonObject)?.ToDictionary(b => b.Key, b => (double?)b.Value ?? 0, StringComparer.Ordinal) ?? [];
            _positions[serial] = new BoardPosition(bias, (bool?)entry["inField"] ?? true);
            if (entry["dut"] is JsonObject physics)
            {
                var model = new DutModel(DutSpecification with { SerialNumber = serial }, _seed, (int?)entry["sample"] ?? 1);
                Restore(model, physics);
                _board[serial] = model;
            }
        }
    }

    /// <summary>
    /// Each thermal shock chamber's zones (air and setpoints), basket (zone, what is left of a transfer under way) and
    /// load (temperature and time constant), evaluated from now on: like the world, it does not integrate the time the
    /// run was down. A state saved before shock chambers were part of it leaves them as they are.
    /// </summary>
    private void RestoreShockChambers(JsonArray? states)
    {
        if (states is null)
        {
            return;
        }

        RestoreAll(_shockChambers, states);
        foreach (var chamber in _shockChambers)
        {
            chamber.RestartAt(_elapsed);
        }
    }

    private static void RestoreAll<T>(List<T> models, JsonArray? states)
        where T : class
    {
        if (states is null || states.Count != models.Count)
        {
            throw new InvalidDataException($"The saved world has {states?.Count ?? 0} {typeof(T).Name}(s); this bench's has {models.Count}.");
        }

        for (var i = 0; i < models.Count; i++)
        {
            Restore(models[i], states[i] as JsonObject);
        }
    }

    private static JsonObject Capture(object model, IEnumerable<string> names)
    {
        var captured = new JsonObject();
        foreach (var name in names)
        {
            var (value, type) = Member(model, name) switch
            {
                PropertyInfo p => (p.GetValue(model), p.PropertyType),
                FieldInfo f => (f.GetValue(model), f.FieldType),
                _ => throw new MissingMemberException(model.GetType().Name, name),
            };
            captured[name] = value is double d && !double.IsFinite(d)
                ? d.ToString(CultureInfo.InvariantCulture)
                : JsonSerializer.SerializeToNode(value, type);
        }

        return captured;
    }

    private static void Restore(object model, JsonObject? state)
    {
        if (state is null)
        {
            return;
        }

        foreach (var (name, node) in state)
        {
            var member = Member(model, name);
            var type = member switch { PropertyInfo p => p.PropertyType, FieldInfo f => f.FieldType, _ => throw new MissingMemberException(model.GetType().Name, name) };
            var value = node is JsonValue v && v.TryGetValue<string>(out var text) && type == typeof(double)
                ? double.Parse(text, CultureInfo.InvariantCulture)
                : node?.Deserialize(type);
            switch (member)
            {
                case PropertyInfo p:
                    p.SetValue(model, value);
                    break;
                case FieldInfo f:
                    f.SetValue(model, value);
                    break;
            }
        }
    }

    private static MemberInfo? Member(object model, string name)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        return (MemberInfo?)model.GetType().GetProperty(name, all) ?? model.GetType().GetField(name, all);
    }
}
