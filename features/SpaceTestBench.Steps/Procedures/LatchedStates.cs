using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// What a scenario's completed steps left in the DUT that lasts only while the DUT stays powered — a latching
/// protection tripped off by a fault, an auto-retrying one in its retry — kept until a later step looks at it. A
/// resume's safe state removes the DUT's power and its settings restore gives it back: on a real part that clears
/// such a state as a power cycle of the scenario's own would, and the simulated world leaves it out of its checkpoint
/// for that reason (<c>SimulatedFacility.DutLeftOut</c>). Giving it back would contradict the power cycle the resume
/// really made, and making it again would repeat a physical action (a second fault on the part). So a resume marks
/// every state still held as destroyed, with its bench time (<see cref="ReestablishAsync"/>), and the step that looks
/// at it records its look Inconclusive with <see cref="LostToResume"/>'s reason — never Pass or Fail: the data cannot
/// say what the part did — and judges the rest of the step as usual.
/// </summary>
public sealed class LatchedStates(ScenarioRecorder results) : IReestablishOnResume
{
    private readonly Dictionary<string, LatchedState> _held = new(StringComparer.Ordinal);

    /// <summary>
    /// Records that the step now running establishes <paramref name="state"/> (a key the look uses), described by
    /// <paramref name="what"/> as the report should name it ("the DUT's over-current protection tripped by the fault of
    /// 100 mΩ on its core rail"), at <paramref name="at"/>.
    /// </summary>
    public void Establish(string state, string what, DateTimeOffset at) =>
        _held[state] = new LatchedState(what, results.CurrentStepIndex, at, null);

    /// <summary>Forgets <paramref name="state"/>: its look was made, or the scenario's own power cycle ended it.</summary>
    public void Clear(string state) => _held.Remove(state);

    /// <summary>
    /// Why a look at <paramref name="state"/> cannot be judged — a resume power-cycled the DUT after a completed step
    /// established it: names the resume by its bench time and the step (1-based, as the report numbers them) — or
    /// null when the state is as the step left it (no resume since, or none established).
    /// </summary>
    public string? LostToResume(string state) =>
        _held.TryGetValue(state, out var held) && held.DestroyedByResumeAt is { } at
            ? $"a resume of the run power-cycled the DUT after step {held.EstablishedInStep + 1} established {held.What} (at {BenchTime(held.EstablishedAt)}): the resume's safe state switched the DUT's power off and its settings restore on again at {BenchTime(at)}, which clears that state on a real part, so this look cannot show what the DUT did; what follows the power cycle is judged as usual"
            : null;

    /// <summary>A bench time as the report writes it.</summary>
    private static string BenchTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The resume's safe state and settings restore have power-cycled the DUT: every state a completed step left in it is
    /// gone, at <paramref name="settingsRestoredAt"/> (the power back on). Nothing is waited for or repeated.
    /// </summary>
    public Task ReestablishAsync(DateTimeOffset settingsRestoredAt, CancellationToken cancellationToken)
    {
        foreach (var (state, held) in _held.ToList())
        {
            if (held.DestroyedByResumeAt is null)
            {
                _held[state] = held with { DestroyedByResumeAt = settingsRestoredAt };
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A state held while the DUT stays powered: what it is, the step (0-based) that established it and when, and the resume that destroyed it.</summary>
    private sealed record LatchedState(string What, int EstablishedInStep, DateTimeOffset EstablishedAt, DateTimeOffset? DestroyedByResumeAt);
}
