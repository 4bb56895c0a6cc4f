using System.Text.RegularExpressions;
using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// The samples of one scenario's sample plan, numbered from 1 in the order they were mounted. Each is
/// announced by a sample event (its number under <see cref="WellKnownConditions.Sample"/>, its serial in the
/// message), and every parametric carries the number of the sample it was measured on, so the analyses fit
/// drift per sample and a reader finds the serial behind each number.
/// </summary>
public sealed partial class ScenarioSamples(BenchSession bench, ScenarioRecorder results)
{
    private int _announced;

    /// <summary>The number of the sample on the bench now (1-based), or 0 before any was announced.</summary>
    public int Current { get; private set; }

    /// <summary>
    /// Announces a sample mounted on the bench: it becomes the next number of the plan, and a sample event
    /// records its number and serial (with how it came to be there, in <paramref name="how"/>).
    /// </summary>
    public int Announce(DutIdentity identity, string how)
    {
        ArgumentNullException.ThrowIfNull(identity);
        _announced++;
        Current = _announced;
        results.RecordEvent(
            BenchEventKind.Note, BenchRoles.Dut,
            $"Sample {Current} of this scenario: serial {identity.SerialNumber} of {identity.Name} ({identity.PartId}), {how}.",
            new Dictionary<string, Quantity>(StringComparer.Ordinal) { [WellKnownConditions.Sample] = new(Current, Units.One) });
        return Current;
    }

    /// <summary>
    /// Makes <paramref name="number"/>, a sample this scenario announced, the one on the bench again (a sample plan's
    /// switch matrix connected it to the test station): what is recorded from here on carries its number.
    /// </summary>
    public void Select(int number)
    {
        if (number < 1 || number > _announced)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, $"This scenario has announced samples 1 to {_announced}.");
        }

        Current = number;
    }

    /// <summary>
    /// The number of the sample on the bench, announcing the one there (as sample 1) if the scenario mounted
    /// none: a scenario that tests the sample it found still names it.
    /// </summary>
    public async Task<int> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (Current == 0)
        {
            var identity = await bench.Role<IDutAgent>(BenchRoles.Dut).Instrument.IdentifyDutAsync(cancellationToken);
            Announce(identity, "found on the bench (the scenario mounted none)");
        }

        return Current;
    }

    /// <summary>
    /// The serials the sample events of a recorded run name, each with the scenario that used it: what a
    /// resumed run must not mount again.
    /// </summary>
    public static IReadOnlyDictionary<string, string> UsedIn(RunResults run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var names = run.Scenarios.ToDictionary(s => s.Info.ScenarioId, s => s.Info.Name, StringComparer.Ordinal);
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in run.Events.Where(e => e.Values.ContainsKey(WellKnownConditions.Sample)))
        {
            if (SerialPattern().Match(e.Message) is { Success: true } match)
            {
                used.TryAdd(match.Groups["serial"].Value, e.ScenarioId is { } id && names.TryGetValue(id, out var name) ? name : "(no scenario)");
            }
        }

        return used;
    }

    // The sample event's message as Announce writes it: "Sample 1 of this scenario: serial RH1-0042.2 of …".
    [GeneratedRegex(@"^Sample \d+ of this scenario: serial (?<serial>\S+) of ")]
    private static partial Regex SerialPattern();
}
