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
    public void A_file_that_is_not_UTF8_is_refused_with_the_byte_offset_and_line_instead_of_replacement_characters()
    {
        var file = Path.Combine(TestRepository.ScratchFolder("feature-source"), "latin1.feature");
        byte[] head = [.. "Feature: F\n  Scenario: S\n    Given the chamber is at -55 "u8];
        File.WriteAllBytes(file, [.. head, 0xB0, .. "C\n"u8]);

        var error = Assert.Throws<GherkinParseException>(() => FeatureSource.Load(file, Path.GetDirectoryName(file)!, new IncrementingIdGenerator()));

        Assert.That(error!.Errors.Single().Line, Is.EqualTo(3));
        Assert.That(error.Errors.Single().Message, Does.StartWith($"byte {head.Length} (0xB0) is not UTF-8"));
    }

    [Test]
    public void A_UTF8_byte_order_mark_is_not_part_of_the_text()
    {
        var file = Path.Combine(TestRepository.ScratchFolder("feature-source"), "bom.feature");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. "Feature: F\n  Scenario: S\n    Given step at -55 °C\n"u8]);

        var feature = FeatureSource.Load(file, Path.GetDirectoryName(file)!, new IncrementingIdGenerator());

        Assert.That(feature.FeatureName, Is.EqualTo("F"));
        Assert.That(feature.Pickles.Single().Steps.Single().Text, Is.EqualTo("step at -55 °C"));
    }

    [Test]
    public void A_step_longer_than_the_limit_is_refused_at_its_line_whatever_Examples_value_made_it_long()
    {
        var text = $"Feature: F\n  Scenario Outline: O\n    Given step <x>\n\n    Examples:\n      | x |\n      | short |\n      | {new string('y', FeatureSource.MaximumStepLength)} |\n";

        var error = Assert.Throws<GherkinParseException>(() => FeatureSource.Parse(text, "f.feature", "f.feature", new IncrementingIdGenerator()));

        Assert.That(error!.Errors.Single().Line, Is.EqualTo(3));
        Assert.That(error.Errors.Single().Message, Does.Contain($"a step of {FeatureSource.MaximumStepLength + 5:N0} characters"));
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
