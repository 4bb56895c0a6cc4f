namespace SpaceTestBench.Bench.Definitions;

/// <summary>The kinds of interlock a bench file can declare.</summary>
public enum InterlockKind
{
    /// <summary>Supply current above a threshold for a hold time: power-cycle the DUT (single-event latch-up).</summary>
    Latchup,

    /// <summary>DUT temperature above its maximum.</summary>
    OverTemperature,

    /// <summary>Chamber air outside the band around where it is going (runaway, controller fault).</summary>
    ChamberDeviation,

    /// <summary>Co-60 dose beyond its target or the campaign maximum.</summary>
    DoseOverrun,

    /// <summary>Beam fluence beyond its target or the run maximum.</summary>
    FluenceOverrun,
}

/// <summary>What the scenario does after an interlock has tripped and the bench has responded.</summary>
public enum InterlockAction
{
    /// <summary>The scenario goes on (a latch-up in an SEL test is data, not an accident).</summary>
    Continue,

    /// <summary>The scenario is aborted (verdict Aborted) and the bench goes to its safe state.</summary>
    Stop,
}

/// <summary>When an interlock's hazard is present, so it is evaluated at its fast period.</summary>
public enum InterlockActivity
{
    /// <summary>Always.</summary>
    Always,

    /// <summary>While the particle beam's shutter is open (heavy-ion latch-up); otherwise at the idle period.</summary>
    Beam,
}

/// <summary>One interlock from the bench file's <c>safety.interlocks</c>.</summary>
/// <param name="Name">Its name in the bench file (what events and reports call it).</param>
/// <param name="Kind">What it watches.</param>
/// <param name="Role">The role whose instrument it reads.</param>
/// <param name="Period">Evaluation period while the hazard is present (bench time).</param>
/// <param name="IdlePeriod">Longest evaluation period while it is absent or far away (bench time).</param>
/// <param name="OnTrip">Whether the scenario continues after the bench has responded.</param>
public sealed record InterlockDefinition(
    string Name,
    InterlockKind Kind,
    string Role,
    TimeSpan Period,
    TimeSpan IdlePeriod,
    InterlockAction OnTrip)
{
    /// <summary>Latch-up: absolute current threshold, A (or null to use <see cref="ThresholdRatio"/>).</summary>
    public double? ThresholdAmperes { get; init; }

    /// <summary>Latch-up: threshold as a multiple of the rail's highest normal current in the DUT profile.</summary>
    public double? ThresholdRatio { get; init; }

    /// <summary>Latch-up: how long the current must stay above the threshold (rejects inrush).</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Latch-up: how long the rail stays off in the power cycle.</summary>
    public TimeSpan PowerOff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Latch-up: the longest acceptable time from detection to power removed; slower is recorded as a violation.</summary>
    public TimeSpan ResponseTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Latch-up: when it is evaluated at its fast period.</summary>
    public InterlockActivity ActiveWhen { get; init; } = InterlockActivity.Always;

    /// <summary>Over-temperature: the maximum, K (null: the DUT profile's maximum junction temperature).</summary>
    public double? MaximumKelvin { get; init; }

    /// <summary>Chamber deviation: the band, K.</summary>
    public double BandKelvin { get; init; } = 5;

    /// <summary>Temperature interlocks: the fastest the temperature can move, K/s (sets how soon to look again).</summary>
    public double MaximumRateKelvinPerSecond { get; init; } = 10.0 / 60;

    /// <summary>Dose and fluence: how far past the commanded target counts as an overrun (fraction).</summary>
    public double Tolerance { get; init; } = 0.05;

    /// <summary>Dose (Gy) or fluence (m⁻²) never to exceed since the counter's reset, whatever the target; null: none.</summary>
    public double? Maximum { get; init; }
}

/// <summary>The retry policy for idempotent queries to an instrument.</summary>
/// <param name="Attempts">Attempts in all (1: no retry).</param>
/// <param name="Backoff">Wait before the first retry (wall clock: it is I/O), doubling after.</param>
public sealed record RetryPolicyDefinition(int Attempts, TimeSpan Backoff)
{
    /// <summary>Three attempts, 20 ms apart and doubling.</summary>
    public static RetryPolicyDefinition Default { get; } = new(3, TimeSpan.FromMilliseconds(20));

    /// <summary>
    /// How long (wall clock) a dropped instrument is given to answer again before it is reported lost: an
    /// instrument that rebooted takes seconds to come back, and the next scenario's safe state must reach it
    /// rather than fail because it asked too soon. Default 30 s.
    /// </summary>
    public TimeSpan ReconnectWithin { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>The bench file's <c>safety</c> section.</summary>
/// <param name="Interlocks">The interlocks, evaluated while scenarios run.</param>
/// <param name="Retry">Retry policy for idempotent queries (instruments may override it).</param>
/// <param name="CheckpointInterval">How often a long wait records its progress, so a resumed run waits only the rest.</param>
public sealed record SafetyDefinition(
    IReadOnlyList<InterlockDefinition> Interlocks,
    RetryPolicyDefinition Retry,
    TimeSpan CheckpointInterval)
{
    /// <summary>No interlocks, the default retry policy, hourly checkpoints.</summary>
    public static SafetyDefinition None { get; } = new([], RetryPolicyDefinition.Default, TimeSpan.FromHours(1));
}
