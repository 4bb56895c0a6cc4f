using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// The samples of one scenario's sample plan, numbered from 1 in the order they were mounted. Each is
/// announced by a sample event (its number under <see cref="WellKnownConditions.Sample"/>, its serial in the
/// message), and every parametric carries the number of the sample it was measured on, so the analyses fit
/// drift per sample and a reader finds the serial behind each number.
/// </summary>
public sealed class ScenarioSamples(BenchSession bench, ScenarioRecorder results)
{
    private readonly List<string> _serials = [];

    /// <summary>The number of the sample on the bench now (1-based), or 0 before any was announced.</summary>
    public int Current => _serials.Count;

    /// <summary>The serial number of the sample on the bench now, or null before any was announced.</summary>
    public string? SerialNumber => _serials.Count == 0 ? null : _serials[^1];

    /// <summary>
    /// Announces a sample mounted on the bench: it becomes the next number of the plan, and a sample event
    /// records its number and serial (with how it came to be there, in <paramref name="how"/>).
    /// </summary>
    public int Announce(DutIdentity identity, string how)
    {
        ArgumentNullException.ThrowIfNull(identity);
        _serials.Add(identity.SerialNumber);
        results.RecordEvent(
            BenchEventKind.Note, BenchRoles.Dut,
            $"Sample {Current} of this scenario: serial {identity.SerialNumber} of {identity.Name} ({identity.PartId}), {how}.",
            new Dictionary<string, Quantity>(StringComparer.Ordinal) { [WellKnownConditions.Sample] = new(Current, Units.One) });
        return Current;
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

    /// <summary>The sample condition of a measurement on the current sample.</summary>
    public Quantity Condition => new(Current, Units.One);
}
