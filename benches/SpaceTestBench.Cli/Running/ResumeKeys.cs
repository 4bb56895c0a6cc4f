using System.Globalization;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Running;

/// <summary>The provenance properties a resumed run rebuilds its request from: the same inputs as the run it continues.</summary>
internal static class ResumeKeys
{
    public const string Features = "Resume: features";
    public const string FeaturesRoot = "Resume: features root";
    public const string Tags = "Resume: tag expression";
    public const string Order = "Resume: order";
    public const string Retry = "Resume: retry";
    public const string Samples = "Resume: samples";

    /// <summary>The request of the run recorded in <paramref name="point"/>, writing on into <paramref name="runFolder"/>.</summary>
    public static RunRequest Rebuild(ResumePoint point, string runFolder, string? operatorName)
    {
        var properties = point.Run.Properties;
        if (!properties.TryGetValue(Features, out var features) || !properties.TryGetValue(FeaturesRoot, out var root))
        {
            throw new InvalidDataException($"{runFolder} was recorded by a SpaceTestBench that did not keep what a resume needs (its feature files); run it again instead.");
        }

        var tags = properties.GetValueOrDefault(Tags, "");
        return new RunRequest(
            point.Run.Bench.File,
            System.Text.Json.JsonSerializer.Deserialize<List<string>>(features) ?? [],
            root,
            tags.Length == 0 ? null : tags,
            point.Run.Dut.File,
            runFolder)
        {
            Resume = true,
            Order = Enum.TryParse<Gherkin.Execution.RunOrder>(properties.GetValueOrDefault(Order, ""), out var order) ? order : default,
            Retry = int.TryParse(properties.GetValueOrDefault(Retry, "0"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var retry) ? retry : 0,
            Operator = operatorName,
            Samples = properties.TryGetValue(Samples, out var samples) ? System.Text.Json.JsonSerializer.Deserialize<List<string>>(samples) ?? [] : [],
        };
    }
}
