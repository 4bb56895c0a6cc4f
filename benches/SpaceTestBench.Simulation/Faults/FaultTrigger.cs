namespace SpaceTestBench.Simulation.Faults;

/// <summary>When an armed fault fires.</summary>
public abstract record FaultTrigger
{
    /// <summary>On the next command the instrument receives.</summary>
    public static FaultTrigger NextCommand { get; } = new AfterCommandsTrigger(0);

    /// <summary>After <paramref name="commands"/> more commands have been executed normally.</summary>
    public static FaultTrigger AfterCommands(int commands) => new AfterCommandsTrigger(commands);

    /// <summary>
    /// At bench time <paramref name="sinceStart"/> after the world started: state faults (reboot, error, DUT
    /// faults) happen at that moment; I/O faults hit the first command after it.
    /// </summary>
    public static FaultTrigger AtBenchTime(TimeSpan sinceStart) => new AtBenchTimeTrigger(sinceStart);

    /// <summary>On the first command whose text contains <paramref name="text"/> (case-insensitive).</summary>
    public static FaultTrigger OnCommand(string text) => new OnCommandTrigger(text);

    /// <summary>On each command with probability <paramref name="probability"/> (seeded; repeats).</summary>
    public static FaultTrigger WithProbability(double probability) => new ProbabilityTrigger(probability);
}

/// <summary>After a number of commands.</summary>
/// <param name="Commands">Commands to let through first.</param>
public sealed record AfterCommandsTrigger(int Commands) : FaultTrigger;

/// <summary>At a bench time.</summary>
/// <param name="SinceStart">Bench time after the world's start.</param>
public sealed record AtBenchTimeTrigger(TimeSpan SinceStart) : FaultTrigger;

/// <summary>On a matching command.</summary>
/// <param name="Text">Text the command must contain.</param>
public sealed record OnCommandTrigger(string Text) : FaultTrigger;

/// <summary>Randomly, per command.</summary>
/// <param name="Probability">Chance per command, 0–1.</param>
public sealed record ProbabilityTrigger(double Probability) : FaultTrigger;
