using System.Globalization;
using Reqnroll.Bindings;
using Reqnroll.Infrastructure;

namespace SpaceTestBench.StepMatching.Tests;

/// <summary>
/// Compares two step matchers' answers to one step as Reqnroll's <c>TestExecutionEngine</c> reads them: the best match
/// (definition, scope matches, arguments with their offsets, step context), the ambiguity reason and every candidate.
/// Also compiled into Steps.Tests, which compares them over the step catalog.
/// </summary>
internal static class MatchComparison
{
    /// <summary>What differs between <paramref name="expected"/>'s and <paramref name="actual"/>'s answers, or null. Each is asked twice.</summary>
    public static string? Differences(IStepDefinitionMatchService expected, IStepDefinitionMatchService actual, StepInstance step, CultureInfo culture)
    {
        var want = Ask(expected, step, culture);
        for (var i = 0; i < 2; i++)
        {
            var got = Ask(actual, step, culture);
            if (got != want)
            {
                return $"\"{step.Text}\" ({step.StepDefinitionType}), asked the {(i == 0 ? "first" : "second")} time: expected {want}, got {got}";
            }
        }

        return null;
    }

    private static string Ask(IStepDefinitionMatchService matcher, StepInstance step, CultureInfo culture)
    {
        var best = matcher.GetBestMatch(step, culture, out var reason, out var candidates);
        return $"best {Describe(best, step)}; {reason}; candidates [{string.Join(" | ", candidates.Select(c => Describe(c, step)))}]";
    }

    private static string Describe(BindingMatch match, StepInstance step) => !match.Success
        ? "none"
        : $"{match.StepBinding.Method.Type.Name}.{match.StepBinding.Method.Name} (#{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(match.StepBinding)}) scope {match.ScopeMatches} " +
          $"obsolete {match.IsObsolete} context {(ReferenceEquals(match.StepContext, step.StepContext) ? "the step's" : "another")} " +
          $"args ({string.Join(", ", match.Arguments.Select(a => $"{(a.Value is string s ? $"'{s}'" : ReferenceEquals(a.Value, step.TableArgument) ? "the step's table" : a.Value?.GetType().Name)}@{a.StartOffset}"))})";
}
