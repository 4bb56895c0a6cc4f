using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Reports.Tests.Support;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Bench.Tests.Definitions;

/// <summary>
/// The calibration gate on a clock that moves only when told: an instrument is calibrated through its due date (UTC),
/// and a campaign whose planned end falls after that — by as little as a minute — is refused on a real bench.
/// </summary>
public sealed class CalibrationGateTests
{
    private static readonly DateOnly Due = new(2027, 1, 15);

    // The calibration lapses at the start of the day after the due date.
    private static readonly DateTimeOffset Lapses = new(2027, 1, 16, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void An_instrument_falling_due_one_minute_before_the_planned_end_is_refused_naming_instrument_due_date_and_planned_end()
    {
        var clock = new ManualClock(Lapses - TimeSpan.FromDays(3));
        var start = clock.GetUtcNow();
        var plannedEnd = Lapses + TimeSpan.FromMinutes(1);

        var check = CalibrationGate.Check([Chamber(Due)], start, plannedEnd);

        Assert.That(check.Passed, Is.False);
        var finding = check.Blocking.Single();
        Assert.That(finding.Kind, Is.EqualTo(CalibrationFindingKind.FallsDueBeforePlannedEnd));
        Assert.That(finding.Message, Does.Contain("tvac1").And.Contain("Watlow F4T").And.Contain("2027-01-15").And.Contain("planned end 2027-01-16 00:01 UTC"));
    }

    [Test]
    public void An_instrument_valid_until_one_minute_after_the_planned_end_passes()
    {
        var clock = new ManualClock(Lapses - TimeSpan.FromDays(3));

        var check = CalibrationGate.Check([Chamber(Due)], clock.GetUtcNow(), Lapses - TimeSpan.FromMinutes(1));

        Assert.That(check.Passed, Is.True, string.Join(" ", check.Findings.Select(f => f.Message)));
        Assert.That(check.Span, Does.Contain("planned end 2027-01-15 23:59 UTC"));
    }

    [Test]
    public void The_due_date_itself_is_still_in_calibration_and_the_next_day_is_not()
    {
        var clock = new ManualClock(Lapses - TimeSpan.FromMinutes(1));
        Assert.That(CalibrationGate.Check([Chamber(Due)], clock.GetUtcNow(), null).Passed, Is.True, "23:59 UTC on the due date");

        clock.Advance(TimeSpan.FromMinutes(1));
        var check = CalibrationGate.Check([Chamber(Due)], clock.GetUtcNow(), null);

        Assert.That(check.Blocking.Single().Kind, Is.EqualTo(CalibrationFindingKind.Expired));
        Assert.That(check.Blocking.Single().Message, Does.Contain("out of calibration at the start 2027-01-16 00:00 UTC").And.Contain("planned end unknown"));
    }

    [Test]
    public void With_the_planned_end_unknown_only_the_start_is_checked_and_the_check_says_so()
    {
        var clock = new ManualClock(Lapses - TimeSpan.FromDays(1));

        var check = CalibrationGate.Check([Chamber(Due)], clock.GetUtcNow(), null);

        Assert.That(check.Passed, Is.True, "valid at the start; the planned end is unknown");
        Assert.That(check.Span, Does.Contain("at the start").And.Contain("planned end unknown"));
    }

    [Test]
    public void An_instrument_with_no_calibration_record_is_stated_and_one_that_needs_none_says_why_neither_blocks()
    {
        var clock = new ManualClock(Lapses);
        var agent = new InstrumentDefinition("agent1", "DUT test agent", "TCPIP0::10.0.0.9::5025::SOCKET", "AGENT-01", null, 2000)
        {
            Calibration = new CalibrationRecord(null, null, null, "it measures no physical quantity"),
        };
        var beam = new InstrumentDefinition("beam1", "Facility beam adapter", "TCPIP0::10.0.0.8::5025::SOCKET", "HIF-2", null, 2000);

        var check = CalibrationGate.Check([agent, beam], clock.GetUtcNow(), clock.GetUtcNow() + TimeSpan.FromDays(30));

        Assert.That(check.Passed, Is.True);
        Assert.That(check.Findings.Single(f => f.InstrumentId == "beam1").Kind, Is.EqualTo(CalibrationFindingKind.NotRecorded));
        Assert.That(check.Findings.Single(f => f.InstrumentId == "beam1").Message, Does.Contain("no calibration record"));
        Assert.That(check.Findings.Single(f => f.InstrumentId == "agent1").Message, Does.Contain("needs no calibration: it measures no physical quantity"));
    }

    [Test]
    public void The_shipped_simulated_bench_is_in_calibration_through_a_campaign_as_long_as_the_default_one_and_its_lapsed_twin_is_not()
    {
        var bench = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        var lapsed = BenchDefinitionLoader.Load(TestRepository.Path("fixtures/benches/lapsed-calibration.bench.json"));
        // The simulated bench's virtual clock starts at its pinned clockStart, whatever day the run happens on, so this holds
        // for every run of it; the default campaign takes about 380 days of bench time (spacebench plan); its instruments are
        // due from 2028-11-30.
        var start = bench.ClockStart!.Value;
        Assert.That(lapsed.ClockStart, Is.EqualTo(start), "the lapsed twin is the default bench but for the supply's calibration");
        var check = CalibrationGate.Check(bench.Instruments.Values, start, start + TimeSpan.FromDays(400));
        var longer = CalibrationGate.Check(bench.Instruments.Values, start, start + TimeSpan.FromDays(800));
        var twin = CalibrationGate.Check(lapsed.Instruments.Values, start, start + TimeSpan.FromDays(400));

        Assert.That(check.Blocking, Is.Empty);
        Assert.That(longer.Blocking.Select(f => f.InstrumentId), Is.EquivalentTo(new[] { "beam1", "bert1", "co60", "psu1", "shock1", "smu1", "tvac1", "voa1" }));
        Assert.That(twin.Blocking.Select(f => (f.InstrumentId, f.Kind)), Is.EqualTo(new[] { ("psu1", CalibrationFindingKind.Expired) }));
    }

    private static InstrumentDefinition Chamber(DateOnly due) =>
        new("tvac1", "Watlow F4T", "TCPIP0::10.0.0.13::5025::SOCKET", "F4T-2209-0117", due, 2000) { Calibration = new CalibrationRecord(due, "CAL-1", null, null) };
}
