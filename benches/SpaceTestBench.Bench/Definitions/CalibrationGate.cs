using System.Globalization;
using SpaceTestBench.Results.Provenance;

namespace SpaceTestBench.Bench.Definitions;

/// <summary>What the calibration gate found about one instrument.</summary>
public enum CalibrationFindingKind
{
    /// <summary>Its calibration had lapsed before the campaign starts.</summary>
    Expired,

    /// <summary>Its calibration lapses after the start but before the campaign's planned end.</summary>
    FallsDueBeforePlannedEnd,

    /// <summary>The bench file records no calibration for it (and does not say it needs none).</summary>
    NotRecorded,

    /// <summary>The bench file says it needs no calibration, and why.</summary>
    NotRequired,
}

/// <summary>One instrument's calibration against the campaign's span.</summary>
/// <param name="InstrumentId">The instrument's id in the bench file.</param>
/// <param name="Model">Its model.</param>
/// <param name="SerialNumber">Its serial number, if recorded.</param>
/// <param name="Kind">What was found.</param>
/// <param name="Due">Its calibration due date, if recorded.</param>
/// <param name="Message">The finding in words, naming instrument, due date and planned end.</param>
public sealed record CalibrationFinding(string InstrumentId, string Model, string? SerialNumber, CalibrationFindingKind Kind, DateOnly? Due, string Message)
{
    /// <summary>True if the instrument is out of calibration at the start or before the planned end.</summary>
    public bool Blocks => Kind is CalibrationFindingKind.Expired or CalibrationFindingKind.FallsDueBeforePlannedEnd;
}

/// <summary>The calibration gate's answer for one campaign.</summary>
/// <param name="Start">When the campaign starts (bench time).</param>
/// <param name="PlannedEnd">When it is planned to end (bench time); null when unknown, so only the start is checked.</param>
/// <param name="Findings">One finding per instrument whose calibration is not valid throughout, unrecorded or not required.</param>
public sealed record CalibrationCheck(DateTimeOffset Start, DateTimeOffset? PlannedEnd, IReadOnlyList<CalibrationFinding> Findings)
{
    /// <summary>The findings that stop a real bench: instruments out of calibration at the start or before the planned end.</summary>
    public IReadOnlyList<CalibrationFinding> Blocking => Findings.Where(f => f.Blocks).ToList();

    /// <summary>True if every calibrated instrument is valid from the start to the planned end (or, unknown, at the start).</summary>
    public bool Passed => !Findings.Any(f => f.Blocks);

    /// <summary>"until the planned end 2027-05-02 19:36 UTC" or "at the start only (planned end unknown)".</summary>
    public string Span => PlannedEnd is { } end
        ? $"from the start {CalibrationGate.Format(Start)} to the planned end {CalibrationGate.Format(end)}"
        : $"at the start {CalibrationGate.Format(Start)} only (planned end unknown)";
}

/// <summary>
/// ISO/IEC 17025 §6.4.4/§6.4.13: equipment is checked for calibration before it is put into service. The gate
/// is a pure function of the instruments' calibration records, the campaign's start and its planned end; a
/// real bench refuses a campaign it fails, a simulated bench records each finding as a deviation. A
/// calibration is valid through its due date (UTC) and lapses at the start of the next day.
/// </summary>
public static class CalibrationGate
{
    /// <summary>Checks every instrument against the span from <paramref name="start"/> to <paramref name="plannedEnd"/>.</summary>
    public static CalibrationCheck Check(IEnumerable<InstrumentDefinition> instruments, DateTimeOffset start, DateTimeOffset? plannedEnd)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (plannedEnd is { } end && end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(plannedEnd), $"The planned end {Format(end)} is before the start {Format(start)}.");
        }

        var findings = new List<CalibrationFinding>();
        foreach (var instrument in instruments.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            var record = instrument.Calibration;
            var name = $"instrument '{instrument.Id}' ({instrument.Model}{(instrument.SerialNumber is { } s ? $", serial {s}" : "")})";
            if (record.NotRequiredBecause is { } reason)
            {
                findings.Add(new(instrument.Id, instrument.Model, instrument.SerialNumber, CalibrationFindingKind.NotRequired, null, $"{name} needs no calibration: {reason}"));
            }
            else if (record.Due is not { } due)
            {
                findings.Add(new(instrument.Id, instrument.Model, instrument.SerialNumber, CalibrationFindingKind.NotRecorded, null,
                    $"{name} has no calibration record in the bench file; add calibrationDue and calibrationCertificate, or calibrationNotRequired with the reason."));
            }
            else if (!record.ValidAt(start))
            {
                findings.Add(new(instrument.Id, instrument.Model, instrument.SerialNumber, CalibrationFindingKind.Expired, due,
                    $"{name} was due for calibration on {Day(due)} and is out of calibration at the start {Format(start)}{(plannedEnd is { } e ? $" (planned end {Format(e)})" : " (planned end unknown)")}."));
            }
            else if (plannedEnd is { } e && !record.ValidAt(e))
            {
                findings.Add(new(instrument.Id, instrument.Model, instrument.SerialNumber, CalibrationFindingKind.FallsDueBeforePlannedEnd, due,
                    $"{name} falls due for calibration on {Day(due)} (lapses {Format(record.LapsesAt!.Value)}), before the campaign's planned end {Format(e)}."));
            }
        }

        return new CalibrationCheck(start, plannedEnd, findings);
    }

    /// <summary>A bench-time instant as the messages write it: "2027-05-02 19:36 UTC".</summary>
    public static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
