using SpaceTestBench.Perf;

// The no-op Gherkin workload once in this fresh process, so an outside timer (GherkinProcessBenchmarks) sees process
// start-up too. The verb says which runner: "runner" the product's as `spacebench run` assembles it, "reqnroll"
// Reqnroll's runtime and the driver alone. "feature <file>" writes the feature file, for running the same text
// under cucumber-js. (This layer's own executor, once "own-engine", is deleted: issue 16.)
var text = NoOpWorkload.FeatureText(NoOpWorkload.Scenarios);
switch (args)
{
    case ["runner"]:
        Console.WriteLine($"{await NoOpWorkload.RunOnProductRunnerAsync(text)} scenarios passed on the runner");
        return 0;
    case ["reqnroll"]:
        Console.WriteLine($"{await NoOpWorkload.RunOnReqnrollAsync(text)} scenarios passed on Reqnroll");
        return 0;
    case ["feature", var file]:
        await File.WriteAllTextAsync(file, text);
        return 0;
    default:
        await Console.Error.WriteLineAsync("usage: SpaceTestBench.Workload.Perf runner | reqnroll | feature <file>");
        return 2;
}
