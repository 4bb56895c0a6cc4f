using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Recording;

/// <summary>
/// A sink that can give back what it kept, as the report would read it. The live verdict of a scenario is
/// computed from this at the scenario's end, so what the console, NUnit and the Cucumber messages say is what
/// the report will say.
/// </summary>
public interface IResultReadBack
{
    /// <summary>The run so far restricted to one scenario: the run record, that scenario, its events, series and attachments.</summary>
    RunResults ReadScenario(string scenarioId);
}
