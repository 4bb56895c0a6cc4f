using System.Globalization;
using SpaceTestBench.Gherkin.Execution;

namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// A power cut a test injects inside a step, right after the Nth checkpoint of one kind is on disk: with its variable set
/// to <c>FEATURE:LINE:STEP:N</c> (as <see cref="StepBoundaryCut"/>, N 1-based), the process kills itself with SIGKILL
/// there — a moment a signal sent from outside cannot be timed to on a run whose bench time outruns the wall clock a
/// million-fold. Two kinds: <see cref="Milestone"/> (a physical milestone, an exposure that reached its dose:
/// <see cref="Bench.BenchSession.CheckpointMilestone"/>; between an exposure's end and its parametric test) and
/// <see cref="InWait"/> (a long wait's periodic checkpoint, <see cref="Bench.IWaitCheckpoints.Progress"/>, counted over
/// all the step's waits; hundreds of hours into a low-rate exposure). Off unless the variable is set; a value that does
/// not parse fails the run as it starts.
/// </summary>
public sealed class InStepCut
{
    private readonly StepBoundaryCut _step;
    private readonly int _count;

    private InStepCut(StepBoundaryCut step, int count) => (_step, _count) = (step, count);

    /// <summary>The kind of checkpoint a cut counts: its environment variable and how an example of it reads.</summary>
    public sealed record Kind(string Variable, string Counted, string Example);

    /// <summary>After the Nth physical milestone of a step.</summary>
    public static readonly Kind Milestone = new("SPACEBENCH_CUT_AFTER_MILESTONE", "the milestone", "radiation/total-ionizing-dose-escc-22900.feature:42:7:1");

    /// <summary>After the Nth periodic checkpoint inside a step's long waits.</summary>
    public static readonly Kind InWait = new("SPACEBENCH_CUT_IN_WAIT", "the in-wait checkpoint", "radiation/total-ionizing-dose.feature:49:7:100");

    /// <summary>The cut of <paramref name="kind"/> its variable arms, or null when it is not set.</summary>
    /// <exception cref="FormatException">The variable is set but is not <c>FEATURE:LINE:STEP:N</c>.</exception>
    public static InStepCut? FromEnvironment(Kind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return Environment.GetEnvironmentVariable(kind.Variable) is { Length: > 0 } value ? Parse(kind, value) : null;
    }

    /// <summary>Parses <c>FEATURE:LINE:STEP:N</c> for a cut of <paramref name="kind"/>.</summary>
    /// <exception cref="FormatException">It is not of that form.</exception>
    public static InStepCut Parse(Kind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(value);
        var message = $"{kind.Variable}='{value}' is not FEATURE:LINE:STEP:N (e.g. {kind.Example}, the step 0-based, {kind.Counted} 1-based).";
        var split = value.LastIndexOf(':');
        if (split < 0 || !int.TryParse(value[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new FormatException(message);
        }

        try
        {
            return new InStepCut(StepBoundaryCut.Parse(value[..split]), count);
        }
        catch (FormatException)
        {
            throw new FormatException(message);
        }
    }

    /// <summary>Called once checkpoint <paramref name="count"/> of its kind in step <paramref name="step"/> is saved: kills this process if the cut lands there.</summary>
    public void Saved(TestCaseInfo testCase, int step, int count)
    {
        if (count == _count)
        {
            // The same SIGKILL as at a step boundary (StepBoundaryCut.StepRecorded): nothing after it runs.
            _step.StepRecorded(testCase, step);
        }
    }
}
