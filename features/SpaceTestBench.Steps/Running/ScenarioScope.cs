using Reqnroll;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// What a scenario's bindings read from and leave in its scope through Reqnroll's <see cref="IScenarioContext"/>,
/// which both this product's Gherkin engine and Reqnroll's runtime provide: objects the run registered are in the
/// scenario's container; what a hook leaves for the run's listeners after the scenario (its container disposed by
/// then) is in the context's dictionary, which both contexts are.
/// </summary>
public static class ScenarioScope
{
    /// <summary>The scenario's record, or null for a run that records nothing.</summary>
    public static ScenarioRecorder? RecorderOf(IScenarioContext context) => Registered<ScenarioRecorder>(context);

    /// <summary>Leaves <paramref name="value"/> in the context's dictionary under its type's full name (as Reqnroll's <c>Set</c> does).</summary>
    public static void Keep<T>(IScenarioContext context, T value) where T : class => Values(context)[typeof(T).FullName!] = value;

    /// <summary>The <typeparamref name="T"/> left by <see cref="Keep"/>, or null; readable after the scenario's container is disposed.</summary>
    public static T? Kept<T>(IScenarioContext context) where T : class =>
        Values(context).TryGetValue(typeof(T).FullName!, out var value) ? value as T : null;

    /// <summary>The <typeparamref name="T"/> left by <see cref="Keep"/>; throws, naming it, when there is none.</summary>
    public static T Required<T>(IScenarioContext context) where T : class =>
        Kept<T>(context) ?? throw new KeyNotFoundException($"The scenario context holds no {typeof(T).Name}.");

    private static IDictionary<string, object> Values(IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context as IDictionary<string, object>
            ?? throw new ArgumentException($"A scenario context that is not a dictionary ({context.GetType().FullName}) cannot hold values.", nameof(context));
    }

    /// <summary>The <typeparamref name="T"/> registered in the scenario's container (or above it), or null: never one BoDi would create.</summary>
    public static T? Registered<T>(IScenarioContext context) where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ScenarioContainer.IsRegistered<T>() ? context.ScenarioContainer.Resolve<T>() : null;
    }
}
