using System.Globalization;
using SpaceTestBench.Gherkin.Execution;

namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// A power cut a test injects inside a step, right after one of its physical milestones is checkpointed (an exposure
/// that reached its dose, <see cref="Bench.BenchSession.CheckpointMilestone"/>): with <see cref="Variable"/> set to
/// <c>FEATURE:LINE:STEP:N</c> (as <see cref="StepBoundaryCut"/>, and N the 1-based milestone of that step), the process
/// kills itself with SIGKILL once that milestone's world is on disk — between an exposure's end and its parametric
/// test, the moment a signal sent from outside cannot be timed to. Off unless the variable is set; a value that does
/// not parse fails the run as it starts.
/// </summary>
public sealed class MilestoneCut
{
    /// <summary>The environment variable that arms the cut.</summary>
    public const string Variable = "SPACEBENCH_CUT_AFTER_MILESTONE";

    private readonly StepBoundaryCut _step;
    private readonly int _milestone;

    private MilestoneCut(StepBoundaryCut step, int milestone) => (_step, _milestone) = (step, milestone);

    /// <summary>The cut <see cref="Variable"/> arms, or null when it is not set.</summary>
    /// <exception cref="FormatException">The variable is set but is not <c>FEATURE:LINE:STEP:N</c>.</exception>
    public static MilestoneCut? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? Parse(value) : null;

    /// <summary>Parses <c>FEATURE:LINE:STEP:N</c>.</summary>
    /// <exception cref="FormatException">It is not of that form.</exception>
    public static MilestoneCut Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var split = value.LastIndexOf(':');
        if (split < 0 || !int.TryParse(value[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var milestone) || milestone < 1)
        {
            throw new FormatException($"{Variable}='{value}' is not FEATURE:LINE:STEP:N (e.g. radiation/total-ionizing-dose-escc-22900.feature:42:7:1, the step 0-based, the milestone 1-based).");
        }

        try
        {
            return new MilestoneCut(StepBoundaryCut.Parse(value[..split]), milestone);
        }
        catch (FormatException)
        {
            throw new FormatException($"{Variable}='{value}' is not FEATURE:LINE:STEP:N (e.g. radiation/total-ionizing-dose-escc-22900.feature:42:7:1, the step 0-based, the milestone 1-based).");
        }
    }

    /// <summary>Called once milestone <paramref name="count"/> of step <paramref name="step"/> is checkpointed: kills this process if the cut lands there.</summary>
    public void MilestoneSaved(TestCaseInfo testCase, int step, int count)
    {
        if (count == _milestone)
        {
            // The same SIGKILL as at a step boundary (StepBoundaryCut.StepRecorded): nothing after it runs.
            _step.StepRecorded(testCase, step);
        }
    }
}
