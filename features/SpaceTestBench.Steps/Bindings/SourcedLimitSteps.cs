using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Beam-run steps whose limits the scenario states with their source (a clause, a datasheet field, the
/// mission's allocation), so the report shows where each limit comes from beside it; and the depth each ion's
/// range must cover (ECSS-E-ST-10-12C §9.4.2: the range covers the whole sensitive volume).
/// </summary>
[Binding]
[RequiresRole(BenchRoles.ParticleBeam)]
public sealed class SourcedLimitSteps(ScenarioRecorder results, BeamRuns runs)
{
    /// <summary>
    /// Judges the cross-section of one effect over this scenario's runs (one LET and tilt, or one proton energy)
    /// on its one-sided 95 % Poisson bounds, as "the … cross-section is at most …" does, and records the limit's
    /// source with the decision.
    /// </summary>
    [Then("the {effect} cross-section is at most {cross-section}, a limit from {string}")]
    [StepExample("Then the functional interrupt cross-section is at most 1e-5 cm², a limit from \"the SEFI allocation of the mission\"")]
    public void CrossSection(SingleEventEffect effect, CrossSection limit, string source) => CrossSectionJudgement.Judge(results, runs, effect, limit, source);

    /// <summary>
    /// States the depth below the die surface (overlayers included) that the DUT's sensitive volume reaches: every
    /// heavy-ion run then records its ion, energy and range in silicon, judged against the depth along the tilted
    /// path (depth ÷ cos θ), so a run whose ions stop short of the sensitive volume fails rather than under-counts.
    /// </summary>
    [Given("each ion's range in silicon must reach {distance} below the die surface, the depth of the DUT's sensitive volume")]
    [StepExample("Given each ion's range in silicon must reach 30 µm below the die surface, the depth of the DUT's sensitive volume")]
    public void SensitiveDepth(Distance depth) => runs.SensitiveDepth = depth;
}
