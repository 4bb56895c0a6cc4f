using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// Where a limit comes from, written into its measurement's decision as "limit from …" (the convention of
/// <see cref="Results.Recording.ScenarioRecorder.MeasureCountedRate"/>), so the report shows the source beside
/// the limit: the DUT profile's field with the source the profile states for it, or the scenario's Examples
/// under the clauses its tags cite.
/// </summary>
public static class LimitSources
{
    /// <summary>The decision text naming <paramref name="source"/>: "limit from …".</summary>
    public static string Decision(string source) => $"limit from {source}";

    /// <summary><see cref="Decision"/> for a step whose limit may name no source (its unsourced twin): null then.</summary>
    public static string? DecisionIfStated(string? source) => source is null ? null : Decision(source);

    /// <summary>
    /// The decision of a limit the procedure itself sets, no number a clause or a datasheet could change (the DUT
    /// passes its functional test; its protection does not trip): "limit set by the procedure: …", as
    /// <c>BeamRuns.NoLatchupDecision</c>.
    /// </summary>
    public static string Procedure(string rule) => $"limit set by the procedure: {rule}";

    /// <summary>A limit read from the DUT profile: its file, the JSON path of the limit, and the source the profile states.</summary>
    public static string Profile(DutProfile dut, string jsonPath, string stated)
    {
        ArgumentNullException.ThrowIfNull(dut);
        return $"the DUT profile {Path.GetFileName(dut.File)} ({jsonPath}): {stated}";
    }

    /// <summary>The supply-current limits of <paramref name="rail"/> in the DUT profile, with their stated source.</summary>
    public static string SupplyCurrent(DutProfile dut, string rail) =>
        Profile(dut, $"$.supplies.{rail}.supplyCurrent", dut.Rail(rail).SupplyCurrentSource);

    /// <summary>The post-irradiation parametric limits of the DUT profile (<paramref name="field"/> of them), with their stated source.</summary>
    public static string PostIrradiation(DutProfile dut, string field) =>
        Profile(dut, $"$.totalIonizingDose.limits.{field}", dut.DoseLimits?.Source ?? "");

    /// <summary>
    /// A limit the scenario's Examples carry, under the clauses its tags cite (the tags naming a standard: those
    /// with a capital letter and a digit, "MIL-STD-883-TM1019"); a scenario without such a tag says so.
    /// </summary>
    public static string Examples(Reqnroll.ScenarioInfo scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var clauses = scenario.CombinedTags.Where(t => t.Any(char.IsUpper) && t.Any(char.IsDigit)).Distinct(StringComparer.Ordinal).ToList();
        return clauses.Count == 0
            ? "the scenario's Examples (its tags cite no clause)"
            : $"the scenario's Examples, per {string.Join(", ", clauses)}";
    }
}
