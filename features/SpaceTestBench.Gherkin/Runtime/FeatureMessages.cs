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

    /// <summary>The index Reqnroll's <c>ScenarioInfo</c> names <paramref name="pickle"/> of <paramref name="feature"/> by.</summary>
    public static string PickleIndex(FeatureSource feature, Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var index = -1;
        for (var i = 0; i < feature.Pickles.Count; i++)
        {
            if (ReferenceEquals(feature.Pickles[i], pickle))
            {
                index = i;
                break;
            }
        }

        return index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
