using Reqnroll;
using SpaceTestBench.Gherkin;

namespace SpaceTestBench.Steps.Parameters;

/// <summary>
/// The parameter types naming single-event effects: <c>{effect}</c> one effect in the singular ("upset",
/// "functional interrupt", "latch-up", "silent data corruption") and <c>{effects}</c> the effects a run
/// counts, in the plural, joined by commas or "and" ("upsets and functional interrupts").
/// </summary>
[Binding]
public sealed class EffectParameterTypes
{
    /// <summary>One effect, singular.</summary>
    public const string EffectRegex = "upset|functional interrupt|latch-up|silent data corruption";

    /// <summary>Effects, plural, joined by ", " or " and ".</summary>
    public const string EffectsRegex = "(?:upsets|functional interrupts|latch-ups|inference mismatches)(?:(?:, | and )(?:upsets|functional interrupts|latch-ups|inference mismatches))*";

    /// <summary>The words of each effect, singular and plural, for the catalog and for messages.</summary>
    public static IReadOnlyList<(SingleEventEffect Effect, string Singular, string Plural)> Words { get; } =
    [
        (SingleEventEffect.Upset, "upset", "upsets"),
        (SingleEventEffect.FunctionalInterrupt, "functional interrupt", "functional interrupts"),
        (SingleEventEffect.Latchup, "latch-up", "latch-ups"),
        (SingleEventEffect.SilentDataCorruption, "silent data corruption", "inference mismatches"),
    ];

    /// <summary>A single-event effect, in the singular.</summary>
    [StepArgumentTransformation("(" + EffectRegex + ")", Name = "effect")]
    public static SingleEventEffect ToEffect(string text) =>
        Words.FirstOrDefault(w => w.Singular == text) is { Singular: not null } found
            ? found.Effect
            : throw new FormatException($"'{text}' is not a single-event effect; {{effect}} is one of {string.Join(", ", Words.Select(w => w.Singular))}.");

    /// <summary>The single-event effects a run counts, in the plural, joined by commas or "and": upsets, functional interrupts, latch-ups, inference mismatches.</summary>
    [StepArgumentTransformation("(" + EffectsRegex + ")", Name = "effects")]
    public static IReadOnlyList<SingleEventEffect> ToEffects(string text) =>
        text.Split([", ", " and "], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => Words.FirstOrDefault(w => w.Plural == word) is { Plural: not null } found
                ? found.Effect
                : throw new FormatException($"'{word}' is not an effect a run counts; {{effects}} are {string.Join(", ", Words.Select(w => w.Plural))}."))
            .Distinct().ToList();

    /// <summary>The singular word of an effect.</summary>
    public static string Singular(SingleEventEffect effect) => Words.First(w => w.Effect == effect).Singular;
}
