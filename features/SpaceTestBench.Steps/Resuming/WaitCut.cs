using System.Globalization;
using SpaceTestBench.Gherkin.Execution;

namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// A power cut a test injects inside a long wait of a step, right after one of the wait's periodic checkpoints is saved
/// (<see cref="Bench.IWaitCheckpoints.Progress"/>): with <see cref="Variable"/> set to <c>FEATURE:LINE:STEP:N</c> (as
/// <see cref="MilestoneCut"/>, N the 1-based in-wait checkpoint of that step, counted over all its waits), the process
/// kills itself with SIGKILL once that checkpoint's world and progress are on disk — hundreds of hours into a low-rate
/// exposure, a moment a signal sent from outside can only hit by chance on a run whose bench time outruns the wall
/// clock a million-fold. Off unless the variable is set; a value that does not parse fails the run as it starts.
/// </summary>
public sealed class WaitCut
{
    /// <summary>The environment variable that arms the cut.</summary>
    public const string Variable = "SPACEBENCH_CUT_IN_WAIT";

    private readonly StepBoundaryCut _step;
    private readonly int _checkpoint;

    private WaitCut(StepBoundaryCut step, int checkpoint) => (_step, _checkpoint) = (step, checkpoint);

    /// <summary>The cut <see cref="Variable"/> arms, or null when it is not set.</summary>
    /// <exception cref="FormatException">The variable is set but is not <c>FEATURE:LINE:STEP:N</c>.</exception>
    public static WaitCut? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? Parse(value) : null;

    /// <summary>Parses <c>FEATURE:LINE:STEP:N</c>.</summary>
    /// <exception cref="FormatException">It is not of that form.</exception>
    public static WaitCut Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var message = $"{Variable}='{value}' is not FEATURE:LINE:STEP:N (e.g. radiation/total-ionizing-dose.feature:49:7:100, the step 0-based, the in-wait checkpoint 1-based).";
        var split = value.LastIndexOf(':');
        if (split < 0 || !int.TryParse(value[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var checkpoint) || checkpoint < 1)
        {
            throw new FormatException(message);
        }

        try
        {
            return new WaitCut(StepBoundaryCut.Parse(value[..split]), checkpoint);
        }
        catch (FormatException)
        {
            throw new FormatException(message);
        }
    }

    /// <summary>Called once in-wait checkpoint <paramref name="count"/> of step <paramref name="step"/> is saved and recorded: kills this process if the cut lands there.</summary>
    public void CheckpointSaved(TestCaseInfo testCase, int step, int count)
    {
        if (count == _checkpoint)
        {
            // The same SIGKILL as at a step boundary (StepBoundaryCut.StepRecorded): nothing after it runs.
            _step.StepRecorded(testCase, step);
        }
    }
}
