using System.Diagnostics;
using System.Globalization;
using SpaceTestBench.Gherkin.Execution;

namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// A power cut a test injects exactly between two steps, the one moment a signal sent from outside cannot be timed
/// to: with <see cref="Variable"/> set to <c>FEATURE:LINE:STEP</c> (the feature file's path or its end, the line of
/// the scenario or Examples row, the 0-based step), the process kills itself with SIGKILL once that step's end is on
/// record and before the next step starts. Nothing else is touched: no safe state, no report — what a power cut or
/// <c>kill -9</c> leaves. Off unless the variable is set; a value that does not parse fails the run as it starts,
/// rather than silently never cutting. Read by <see cref="Running.CheckpointListener"/>, which runs after the step's end is recorded.
/// </summary>
public sealed class StepBoundaryCut
{
    /// <summary>The environment variable that arms the cut.</summary>
    public const string Variable = "SPACEBENCH_CUT_AFTER_STEP";

    private readonly string _feature;
    private readonly int _line;
    private readonly int _step;

    private StepBoundaryCut(string feature, int line, int step) => (_feature, _line, _step) = (feature, line, step);

    /// <summary>The cut <see cref="Variable"/> arms, or null when it is not set.</summary>
    /// <exception cref="FormatException">The variable is set but is not <c>FEATURE:LINE:STEP</c>.</exception>
    public static StepBoundaryCut? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? Parse(value) : null;

    /// <summary>Parses <c>FEATURE:LINE:STEP</c>.</summary>
    /// <exception cref="FormatException">It is not of that form.</exception>
    public static StepBoundaryCut Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(':');
        if (parts.Length != 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var step))
        {
            throw new FormatException($"{Variable}='{value}' is not FEATURE:LINE:STEP (e.g. radiation/proton.feature:28:3, the step 0-based).");
        }

        return new StepBoundaryCut(parts[0].Replace('\\', '/'), line, step);
    }

    /// <summary>True if the cut lands after step <paramref name="index"/> of <paramref name="testCase"/>.</summary>
    public bool IsAfter(TestCaseInfo testCase, int index)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        return index == _step && testCase.Line == _line
            && (testCase.Feature.Uri.Replace('\\', '/').EndsWith(_feature, StringComparison.Ordinal)
                || testCase.Feature.Path.Replace('\\', '/').EndsWith(_feature, StringComparison.Ordinal));
    }

    /// <summary>Called once step <paramref name="index"/>'s end is recorded: kills this process if the cut lands there.</summary>
    public void StepRecorded(TestCaseInfo testCase, int index)
    {
        if (!IsAfter(testCase, index))
        {
            return;
        }

        // SIGKILL on Unix: POSIX delivers a signal a process sends itself before kill() returns, so nothing after this
        // runs, as after a power cut. The fail-fast is for a platform where it might.
        using (var self = Process.GetCurrentProcess())
        {
            self.Kill();
        }

        Environment.FailFast($"{Variable}: cut after step {index} of {testCase.Location}.");
    }
}
