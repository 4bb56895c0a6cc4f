using SpaceTestBench.Bench;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// A total-dose scenario's sample plan (MIL-STD-883 TM 1019 / ESCC 22900 practice; the counts are the procurement
/// specification's, e.g. ECSS-Q-ST-60-15C or MIL-PRF-38535 Group E: at least 5 biased, 5 unbiased and 1 control):
/// samples irradiated under worst-case bias, samples irradiated unbiased (leads grounded), and unirradiated controls
/// kept beside the cell. The irradiated samples sit in the field together on the irradiation board; the cell's switch
/// matrix connects one sample at a time to the bench's test equipment (the test station). Each parametric test of the
/// scenario is a round over every sample of the plan, each recorded with its own sample number.
/// </summary>
public sealed class SamplePlan(BenchSession bench, ScenarioSamples samples, DutRails rails)
{
    private readonly List<PlannedSample> _members = [];
    private int _onStation;

    /// <summary>The samples of the plan in test order: biased, unbiased, controls; empty when the scenario has none (it tests its one sample).</summary>
    public IReadOnlyList<PlannedSample> Members => _members;

    /// <summary>Whether the scenario has a sample plan.</summary>
    public bool IsPlanned => _members.Count > 0;

    /// <summary>The plan's sample on the test station now, if any.</summary>
    public PlannedSample? OnStation => _members.FirstOrDefault(m => m.Number == _onStation);

    /// <summary>The plan's unirradiated control samples.</summary>
    public IEnumerable<PlannedSample> Controls => _members.Where(m => m.Group == SampleGroup.Control);

    /// <summary>The plan's irradiated samples.</summary>
    public IEnumerable<PlannedSample> Irradiated => _members.Where(m => m.Group != SampleGroup.Control);

    /// <summary>Adds the sample just mounted (and announced as <paramref name="number"/>) to the plan; it is on the test station.</summary>
    internal void Add(int number, string serial, SampleGroup group)
    {
        _members.Add(new PlannedSample(number, serial, group));
        _onStation = number;
    }

    /// <summary>
    /// Connects <paramref name="member"/> to the test station and powers it at the rails' settings (the worst-case
    /// bias the scenario powered the DUT at), waiting (up to the rails' boot timeout) for it to come up: the station's
    /// rails are switched off first, so no part is switched live. A sample that does not come up (one the dose has
    /// failed) is not an error of the switch: the tests that follow judge it (its supply current, its functional
    /// test). Its parametrics recorded from here on carry its number.
    /// </summary>
    public async Task TestOnStationAsync(PlannedSample member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        await SwitchToAsync(member, cancellationToken);
        foreach (var source in rails.Sources)
        {
            await rails.ProgramAsync(source.Rail, rails.Setting(source.Rail) ?? throw new InvalidOperationException(
                $"The {source.Rail} rail has not been set in this scenario: power the DUT at its maximum rated supply voltages before testing the samples of the plan."), cancellationToken);
        }

        foreach (var source in rails.Sources)
        {
            await source.SetOutputAsync(true, cancellationToken);
        }

        await rails.SettleAsync(cancellationToken);
        _ = await DutRails.WaitUntilUpAsync(bench, cancellationToken);
    }

    /// <summary>
    /// After a round of tests, puts every sample back in its group's bias for the exposure or anneal that follows:
    /// the first biased sample on the test station with its rails on at their settings (the board holds the other
    /// biased ones at the same voltages), or, when the plan has no biased sample, the first unbiased one with the
    /// station's rails off. A control is never on the station while the source is up.
    /// </summary>
    public async Task ToExposureBiasAsync(CancellationToken cancellationToken = default)
    {
        if (_members.FirstOrDefault(m => m.Group == SampleGroup.Biased) is { } biased)
        {
            if (_onStation != biased.Number || !await AllRailsOnAsync(cancellationToken))
            {
                await TestOnStationAsync(biased, cancellationToken);
            }
        }
        else if (_members.FirstOrDefault(m => m.Group == SampleGroup.Unbiased) is { } unbiased)
        {
            await SwitchToAsync(unbiased, cancellationToken);
        }
    }

    /// <summary>The board's bias for a group: every rail at its maximum rated voltage for the biased group, grounded otherwise.</summary>
    public IReadOnlyDictionary<string, double> BoardBias(SampleGroup group) => group == SampleGroup.Biased
        ? rails.Dut.Rails.ToDictionary(
            r => r.Key,
            r => (r.Value.MaximumVoltage ?? throw new Bench.Definitions.BenchConfigurationException(rails.Dut.File, $"$.supplies.{r.Key}.maximumVoltage", $"the DUT profile gives no maximum rated voltage for the rail '{r.Key}', the worst-case bias of the biased samples; add one.")).SiValue,
            StringComparer.Ordinal)
        : new Dictionary<string, double>(StringComparer.Ordinal);

    private async Task SwitchToAsync(PlannedSample member, CancellationToken cancellationToken)
    {
        if (_onStation == member.Number)
        {
            return;
        }

        var simulation = bench.Simulation ?? throw new NotSupportedException(
            "This bench cannot switch the samples of a plan onto its test station by itself (a simulated Co-60 cell's switch matrix can). " +
            "Run the plan's samples one per run, naming each with --sample.");
        await rails.OffAsync(cancellationToken);
        simulation.SelectFromLot(member.Serial);
        samples.Select(member.Number);
        _onStation = member.Number;
    }

    private async Task<bool> AllRailsOnAsync(CancellationToken cancellationToken)
    {
        foreach (var source in rails.Sources)
        {
            if (!await source.IsOutputOnAsync(cancellationToken))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One sample of a plan.</summary>
/// <param name="Number">Its number in the scenario (the sample condition of its parametrics).</param>
/// <param name="Serial">Its serial number.</param>
/// <param name="Group">Its group.</param>
public sealed record PlannedSample(int Number, string Serial, SampleGroup Group)
{
    /// <summary>The group in words, for messages and series names.</summary>
    public string GroupName => Group switch
    {
        SampleGroup.Biased => "irradiated biased",
        SampleGroup.Unbiased => "irradiated unbiased",
        _ => "unirradiated control",
    };
}

/// <summary>The groups of a total-dose sample plan.</summary>
public enum SampleGroup
{
    /// <summary>Irradiated under worst-case static bias (every rail at its maximum rated supply voltage).</summary>
    Biased,

    /// <summary>Irradiated with its leads grounded.</summary>
    Unbiased,

    /// <summary>Not irradiated, kept beside the cell: it separates drift of the test system from drift of the samples.</summary>
    Control,
}
