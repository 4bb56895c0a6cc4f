using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Progress;

/// <summary>
/// What a campaign is doing right now, as it happens: the scenario and step it is in, how far the step's own
/// quantity has come (dose, fluence and events, anneal hours, cycles, bits), the interlocks watching, the
/// last judged measurement. Progress events flow through one <see cref="ProgressPipeline"/> into sinks (the
/// live terminal display, plain log lines, the run folder's store), the way result events flow through the
/// <see cref="Recording.ResultRecorder"/>; they are not results and no report is computed from them.
/// The CLI, the NUnit driver and a facility station host publish the same events.
/// </summary>
/// <param name="BenchTime">When, in bench time (virtual on a simulated bench, the wall clock on a real one).</param>
public abstract record ProgressEvent(DateTimeOffset BenchTime);

/// <summary>The campaign starts: how many scenarios it holds and the bench time it is planned to take.</summary>
/// <param name="BenchTime">When.</param>
/// <param name="Scenarios">Scenarios selected (N of "scenario n of N").</param>
/// <param name="PlannedBenchTime">The plan's total bench time; null when some step's time is unknown.</param>
/// <param name="PlannedScenarios">Each scenario's planned bench time, in run order (null where unknown).</param>
/// <param name="VirtualClock">True on a simulated bench (bench time runs ahead of the wall clock).</param>
public sealed record CampaignProgressStarted(
    DateTimeOffset BenchTime, int Scenarios, TimeSpan? PlannedBenchTime, IReadOnlyList<TimeSpan?> PlannedScenarios, bool VirtualClock) : ProgressEvent(BenchTime);

/// <summary>A scenario starts.</summary>
/// <param name="BenchTime">When.</param>
/// <param name="Number">Its position in the run, from 1.</param>
/// <param name="Name">The scenario's name.</param>
/// <param name="Location">"radiation/total-ionizing-dose.feature:30".</param>
public sealed record ScenarioProgressStarted(DateTimeOffset BenchTime, int Number, string Name, string Location) : ProgressEvent(BenchTime);

/// <summary>A step starts.</summary>
/// <param name="BenchTime">When.</param>
/// <param name="Index">Its index in the scenario, from 0.</param>
/// <param name="Count">Steps in the scenario.</param>
/// <param name="Text">The step's text.</param>
public sealed record StepProgressStarted(DateTimeOffset BenchTime, int Index, int Count, string Text) : ProgressEvent(BenchTime);

/// <summary>
/// How far the current step has come, in its own quantities: "irradiating to 20 krad(Si)" with the dose
/// delivered of its target; fluence and events counted; anneal hours elapsed; cycle k of n; BER gate bits.
/// </summary>
/// <param name="BenchTime">When the gauges were read (or predicted from).</param>
/// <param name="Activity">What the step is doing, in words ("annealing biased at 100 °C").</param>
/// <param name="Gauges">The quantities, most telling first.</param>
public sealed record StepProgressReported(DateTimeOffset BenchTime, string Activity, IReadOnlyList<ProgressGauge> Gauges) : ProgressEvent(BenchTime);

/// <summary>A measurement was judged against its limit.</summary>
/// <param name="BenchTime">When.</param>
/// <param name="Name">What was measured.</param>
/// <param name="Value">The value with its unit.</param>
/// <param name="Limit">The limit in words, if any.</param>
/// <param name="Verdict">Its verdict.</param>
public sealed record MeasurementJudged(DateTimeOffset BenchTime, string Name, string Value, string? Limit, Verdict Verdict) : ProgressEvent(BenchTime);

/// <summary>
/// A measurement was recorded, judged or not: the numbers a remote viewer plots live (a facility campaign's
/// "measurements" events). The value is in the unit it was recorded in; conditions are in words with their units.
/// </summary>
/// <param name="BenchTime">When it was measured.</param>
/// <param name="Name">What was measured.</param>
/// <param name="Value">The value, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit symbol of <paramref name="Value"/> ("" for counts).</param>
/// <param name="Limit">The limit in words, if any.</param>
/// <param name="Verdict">Its verdict (NotSet without a limit).</param>
/// <param name="Conditions">The conditions it was measured under, each as text with its unit ("DUT supply voltage" = "1.71 V").</param>
public sealed record MeasurementTaken(
    DateTimeOffset BenchTime, string Name, double Value, string Unit, string? Limit, Verdict Verdict, IReadOnlyDictionary<string, string> Conditions) : ProgressEvent(BenchTime);

/// <summary>The interlocks watching the bench now, each with what it does on a trip ("latch-up: continue").</summary>
/// <param name="BenchTime">When.</param>
/// <param name="Interlocks">Name and action of each.</param>
public sealed record InterlocksArmed(DateTimeOffset BenchTime, IReadOnlyList<string> Interlocks) : ProgressEvent(BenchTime);

/// <summary>A scenario finished with its verdict.</summary>
/// <param name="BenchTime">When.</param>
/// <param name="Number">Its position in the run, from 1.</param>
/// <param name="Verdict">Its verdict.</param>
public sealed record ScenarioProgressFinished(DateTimeOffset BenchTime, int Number, Verdict Verdict) : ProgressEvent(BenchTime);

/// <summary>The campaign ended (finished or stopped).</summary>
/// <param name="BenchTime">When.</param>
/// <param name="Verdict">The overall verdict so far.</param>
public sealed record CampaignProgressFinished(DateTimeOffset BenchTime, Verdict Verdict) : ProgressEvent(BenchTime);

/// <summary>
/// One quantity of a step's progress: <see cref="Done"/> of <see cref="Target"/> in <see cref="Unit"/>.
/// With a <see cref="RatePerSecond"/> the quantity grows at that rate from the event's bench time
/// (a dose at the dosimeter's rate, bits at the line rate, hours of an anneal) and a reader may extrapolate it
/// to its own "now", never past the target; without one it is the value last read.
/// </summary>
/// <param name="Name">"dose", "fluence", "upsets", "anneal", "cycle", "bits".</param>
/// <param name="Done">How much so far.</param>
/// <param name="Target">Where the step ends, if it is known.</param>
/// <param name="Unit">Unit symbol of <see cref="Done"/> and <see cref="Target"/> ("krad(Si)", "h", "" for counts).</param>
/// <param name="RatePerSecond">Growth per second of bench time, in <see cref="Unit"/>; null for a reading.</param>
public sealed record ProgressGauge(string Name, double Done, double? Target, string Unit, double? RatePerSecond = null)
{
    /// <summary>A gauge read from a quantity (converted to <paramref name="unit"/>).</summary>
    public static ProgressGauge Of(string name, Quantity done, Quantity? target, Unit unit, double? ratePerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new(name, done.ConvertTo(unit).Value, target?.ConvertTo(unit).Value, unit.Symbol, ratePerSecond);
    }

    /// <summary>The value at <paramref name="elapsed"/> after the reading: extrapolated at the rate, capped at the target.</summary>
    public double At(TimeSpan elapsed)
    {
        if (RatePerSecond is not { } rate || elapsed <= TimeSpan.Zero)
        {
            return Done;
        }

        var value = Done + (rate * elapsed.TotalSeconds);
        return Target is { } target ? Math.Min(value, target) : value;
    }
}
