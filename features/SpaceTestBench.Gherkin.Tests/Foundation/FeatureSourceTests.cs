using Gherkin.CucumberMessages;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Gherkin.Tests.Foundation;

public sealed class FeatureSourceTests
{
    [Test]
    public void Pickles_know_their_rule_line_description_and_example_row()
    {
        var feature = FeatureSource.Parse("""
            Feature: F
              Rule: R
                Scenario Outline: O <x>
                  Some description.

                  Given step <x>

                  Examples:
                    | x |
                    | 1 |
                    | 2 |
            """.ReplaceLineEndings("\n"), "f.feature", "f.feature", new IncrementingIdGenerator());

        Assert.That(feature.Pickles.Select(p => p.Name), Is.EqualTo(new[] { "O 1", "O 2" }));
        Assert.That(feature.Pickles.Select(feature.LineOf), Is.EqualTo(new[] { 10, 11 }));
        Assert.That(feature.RuleOf(feature.Pickles[0]), Is.EqualTo("R"));
        Assert.That(feature.DescriptionOf(feature.Pickles[0]), Does.Contain("Some description."));
        Assert.That(feature.ExampleArguments(feature.Pickles[1])["x"], Is.EqualTo("2"));
    }

    [Test]
    public void Finding_feature_files_skips_build_output_and_other_projects()
    {
        var root = TestRepository.ScratchFolder("find-features");
        Directory.CreateDirectory(Path.Combine(root, "power"));
        Directory.CreateDirectory(Path.Combine(root, "Some.Tests", "TestData"));
        Directory.CreateDirectory(Path.Combine(root, "power", "bin"));
        File.WriteAllText(Path.Combine(root, "power", "a.feature"), "");
        File.WriteAllText(Path.Combine(root, "power", "bin", "copy.feature"), "");
        File.WriteAllText(Path.Combine(root, "Some.Tests", "Some.Tests.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(root, "Some.Tests", "TestData", "data.feature"), "");

        var found = FeatureSource.FindFeatureFiles([root]);

        Assert.That(found.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')), Is.EqualTo(new[] { "power/a.feature" }));
        Assert.Throws<FileNotFoundException>(() => FeatureSource.FindFeatureFiles([Path.Combine(root, "missing")]));
    }
}
