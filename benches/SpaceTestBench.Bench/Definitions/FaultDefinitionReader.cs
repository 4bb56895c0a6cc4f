using System.Text.Json;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Simulation.Faults;

namespace SpaceTestBench.Bench.Definitions;

/// <summary>
/// Reads a simulated instrument's <c>"faults"</c>: each an object with a <c>kind</c>, at most one trigger
/// (<c>afterCommands</c>, <c>at</c> a bench time, <c>onCommand</c> text, or <c>probability</c>; none: the
/// first command) and the kind's parameters (<c>count</c>, <c>delay</c>, <c>code</c>/<c>text</c>,
/// <c>bootTime</c>, <c>recoverable</c>, <c>offset</c>).
/// </summary>
internal static class FaultDefinitionReader
{
    private static readonly string[] Triggers = ["afterCommands", "at", "onCommand", "probability"];

    private static readonly Dictionary<string, InstrumentFaultKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["delay"] = InstrumentFaultKind.Delay,
        ["noResponse"] = InstrumentFaultKind.NoResponse,
        ["disconnect"] = InstrumentFaultKind.Disconnect,
        ["garbage"] = InstrumentFaultKind.Garbage,
        ["scpiError"] = InstrumentFaultKind.ScpiError,
        ["reboot"] = InstrumentFaultKind.Reboot,
        ["latchup"] = InstrumentFaultKind.Latchup,
        ["functionalInterrupt"] = InstrumentFaultKind.FunctionalInterrupt,
        ["currentReadingShift"] = InstrumentFaultKind.CurrentReadingShift,
    };

    public static IReadOnlyList<ScheduledFault> Read(JsonFields json, JsonElement instrument, string instrumentPath)
    {
        if (!instrument.TryGetProperty("faults", out var faults) || faults.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var path = JsonFields.Child(instrumentPath, "faults");
        if (faults.ValueKind != JsonValueKind.Array)
        {
            throw json.Error(path, "must be an array of fault objects.");
        }

        var result = new List<ScheduledFault>();
        var index = 0;
        foreach (var element in faults.EnumerateArray())
        {
            result.Add(ReadOne(json, element, $"{path}[{index++}]"));
        }

        return result;
    }

    private static ScheduledFault ReadOne(JsonFields json, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw json.Error(path, "a fault is an object with a \"kind\".");
        }

        json.RejectUnknown(element, path, "kind", "afterCommands", "at", "onCommand", "probability", "count", "delay", "code", "text", "bootTime", "recoverable", "offset");
        var kindText = json.RequireString(element, "kind", path);
        if (!Kinds.TryGetValue(kindText, out var kind))
        {
            throw json.Error(JsonFields.Child(path, "kind"), $"'{kindText}' is not a fault kind; kinds: {string.Join(", ", Kinds.Keys)}.");
        }

        var fault = new InstrumentFault(kind) { Count = json.OptionalInt(element, "count", path, 1, 1_000_000) ?? 1 };
        if (json.OptionalQuantity(element, "delay", path, Dimension.TimeDim) is { } delay)
        {
            fault = fault with { Delay = WallTime(json, delay, path, "delay", "an instrument that never answers is the fault kind \"noResponse\"") };
        }

        if (json.OptionalQuantity(element, "bootTime", path, Dimension.TimeDim) is { } boot)
        {
            fault = fault with { RebootTime = WallTime(json, boot, path, "bootTime", "an instrument that never comes back is \"disconnect\" with a large \"count\"") };
        }

        if (json.OptionalQuantity(element, "offset", path, Dimension.CurrentDim) is { } offset)
        {
            fault = fault with { CurrentOffset = offset.SiValue };
        }
        else if (kind == InstrumentFaultKind.CurrentReadingShift)
        {
            throw json.Error(path, "a current-reading shift states its \"offset\", the current every reading gains (\"2 mA\").");
        }

        if (json.OptionalInt(element, "code", path, -999, 32767) is { } code)
        {
            fault = fault with { ErrorCode = code };
        }

        if (json.OptionalString(element, "text", path) is { } text)
        {
            fault = fault with { ErrorText = text };
        }

        if (element.TryGetProperty("recoverable", out var recoverable))
        {
            fault = fault with
            {
                RecoverableBySoftReset = recoverable.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw json.Error(JsonFields.Child(path, "recoverable"), "must be true or false."),
                },
            };
        }

        return new ScheduledFault(fault, ReadTrigger(json, element, path));
    }

    /// <summary>
    /// A delay or boot time: wall time the simulator really waits (bytes on the wire take real time), so it is
    /// bounded to what a test can sit through; longer is another fault kind, named in <paramref name="instead"/>.
    /// </summary>
    private static TimeSpan WallTime(JsonFields json, Quantity value, string path, string name, string instead) =>
        value.SiValue >= 0 && value.SiValue <= MaximumWallTime.TotalSeconds
            ? TimeSpan.FromSeconds(value.SiValue)
            : throw json.Error(JsonFields.Child(path, name), $"{value} is outside 0 s – {MaximumWallTime.TotalMinutes:0} min; it is wall time the simulator waits, and {instead}.");

    private static readonly TimeSpan MaximumWallTime = TimeSpan.FromHours(1);

    private static FaultTrigger ReadTrigger(JsonFields json, JsonElement element, string path)
    {
        var given = Triggers.Where(t => element.TryGetProperty(t, out _)).ToList();
        if (given.Count > 1)
        {
            throw json.Error(path, $"give one trigger, not {string.Join(" and ", given)}.");
        }

        switch (given.FirstOrDefault())
        {
            case "afterCommands":
                return FaultTrigger.AfterCommands(json.OptionalInt(element, "afterCommands", path, 0, int.MaxValue)!.Value);
            case "at":
                return FaultTrigger.AtBenchTime(TimeSpan.FromSeconds(json.RequireQuantity(element, "at", path, Dimension.TimeDim).SiValue));
            case "onCommand":
                return FaultTrigger.OnCommand(json.RequireString(element, "onCommand", path));
            case "probability":
                var p = element.GetProperty("probability");
                return p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out var probability) && probability is > 0 and <= 1
                    ? FaultTrigger.WithProbability(probability)
                    : throw json.Error(JsonFields.Child(path, "probability"), "must be a number greater than 0 and at most 1.");
            default:
                return FaultTrigger.NextCommand;
        }
    }
}
