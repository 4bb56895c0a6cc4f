using System.Reflection;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Steps.Planning.Estimates;

namespace SpaceTestBench.Steps.Planning;

/// <summary>
/// The catalogue of step estimators: for every step binding of the catalog, how to estimate its bench time
/// from its arguments without running it. Each binding class's estimators are registered in one file of
/// <c>Planning/Estimates/</c> named after its area, by <c>nameof</c> of the binding method, so a rename breaks
/// the build and a new binding without an estimator fails <c>BenchTimeEstimatesTests</c> (which sweeps every
/// step binding). A step that only sets or judges is registered as instant; one whose time nothing states
/// is registered with an estimator that says so.
/// </summary>
public sealed class BenchTimeEstimates
{
    private readonly Dictionary<MethodInfo, BenchTimeEstimator> _estimators = [];

    private BenchTimeEstimates()
    {
    }

    /// <summary>The estimators of the step catalog's bindings.</summary>
    public static BenchTimeEstimates Catalog { get; } = Build();

    /// <summary>Every binding method with an estimator.</summary>
    public IReadOnlyCollection<MethodInfo> Methods => _estimators.Keys;

    /// <summary>The estimator of <paramref name="binding"/>, or null if it has none.</summary>
    public BenchTimeEstimator? For(MethodInfo binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return _estimators.GetValueOrDefault(binding);
    }

    /// <summary>Registers <paramref name="estimator"/> for <typeparamref name="TBinding"/>'s method <paramref name="method"/>.</summary>
    internal BenchTimeEstimates Add<TBinding>(string method, BenchTimeEstimator estimator)
    {
        var info = typeof(TBinding).GetMethod(method, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{typeof(TBinding).Name} has no public method {method} to estimate.");
        if (!info.GetCustomAttributes<Reqnroll.StepDefinitionBaseAttribute>().Any())
        {
            throw new InvalidOperationException($"{typeof(TBinding).Name}.{method} is not a step binding.");
        }

        if (!_estimators.TryAdd(info, estimator))
        {
            throw new InvalidOperationException($"{typeof(TBinding).Name}.{method} has two estimators.");
        }

        return this;
    }

    /// <summary>Registers <typeparamref name="TBinding"/>'s <paramref name="methods"/> as taking no bench time (they set or judge).</summary>
    internal BenchTimeEstimates Instant<TBinding>(params string[] methods)
    {
        foreach (var method in methods)
        {
            Add<TBinding>(method, static (_, _) => StepEstimate.Instant);
        }

        return this;
    }

    private static BenchTimeEstimates Build()
    {
        var estimates = new BenchTimeEstimates();
        PowerEstimates.Register(estimates);
        RadiationEstimates.Register(estimates);
        ThermalEstimates.Register(estimates);
        ThermalShockEstimates.Register(estimates);
        LinkEstimates.Register(estimates);
        return estimates;
    }
}
