using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.RuntimeSupport;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.Gherkin.Runtime;

/// <summary>
/// A feature file's <c>source</c>, <c>gherkinDocument</c> and <c>pickles</c> messages, from this layer's parse, in the
/// shape Reqnroll's generated code-behind gives them (<see cref="IFeatureLevelCucumberMessages"/>): what Reqnroll's
/// own formatters (message, html) need to report a feature. Scenarios refer to their pickle by its index in
/// <see cref="FeatureSource.Pickles"/> (<see cref="PickleIndex"/>).
/// </summary>
public sealed class FeatureMessages(FeatureSource feature) : IFeatureLevelCucumberMessages
{
    /// <inheritdoc />
    public bool HasMessages => true;

    /// <inheritdoc />
    public GherkinDocument GherkinDocument => feature.Document;

    /// <inheritdoc />
    public IEnumerable<Pickle> Pickles => feature.Pickles;

    /// <inheritdoc />
    public Source Source => new(feature.Uri, feature.Text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);

    // Each feature's pickle indexes, found once: a scan per scenario made a feature's scenarios quadratic in their number.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FeatureSource, Dictionary<Pickle, string>> Indexes = new();

    /// <summary>The index Reqnroll's <c>ScenarioInfo</c> names <paramref name="pickle"/> of <paramref name="feature"/> by ("-1" for a pickle not of it).</summary>
    public static string PickleIndex(FeatureSource feature, Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var indexes = Indexes.GetValue(feature, f =>
        {
            var byPickle = new Dictionary<Pickle, string>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < f.Pickles.Count; i++)
            {
                byPickle.TryAdd(f.Pickles[i], i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return byPickle;
        });
        return pickle is not null && indexes.TryGetValue(pickle, out var index) ? index : "-1";
    }
}
