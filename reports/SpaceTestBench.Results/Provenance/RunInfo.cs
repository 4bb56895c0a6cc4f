namespace SpaceTestBench.Results.Provenance;

/// <summary>Who, what and where a run is: enough provenance to reproduce it.</summary>
/// <param name="RunId">The run folder's name.</param>
/// <param name="Bench">The bench and its instruments as opened.</param>
/// <param name="Dut">The device under test: profile and serial number.</param>
/// <param name="Operator">Who ran it.</param>
/// <param name="Software">The software that ran it.</param>
/// <param name="StartedWall">Wall-clock start (bench time is the run's first event time).</param>
/// <param name="Properties">Further provenance (host, command line, tag expression).</param>
public sealed record RunInfo(
    string RunId,
    BenchInfo Bench,
    DutInfo Dut,
    string Operator,
    SoftwareInfo Software,
    DateTimeOffset StartedWall,
    IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>The operator a run records when nobody was named (never the login name).</summary>
    public const string OperatorNotStated = "not stated (name the operator with --operator or the bench file's facility.operator)";

    /// <summary>True if the run names its operator.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool OperatorStated => !string.IsNullOrWhiteSpace(Operator) && Operator != OperatorNotStated;

    /// <summary>True if <paramref name="name"/> names the run's operator (case and spacing aside).</summary>
    public bool IsOperator(string name) => OperatorStated && SamePerson(Operator, name);

    /// <summary>True if two names are the same person's, case and spacing aside.</summary>
    public static bool SamePerson(string a, string b) =>
        string.Equals(string.Join(' ', a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), string.Join(' ', b.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.OrdinalIgnoreCase);

    /// <summary>The feature files the run followed, with their hashes and copies.</summary>
    public IReadOnlyList<ProcedureInfo> Procedures { get; init; } = [];

    /// <summary>
    /// How long the campaign was planned to take in bench time, when known before it started; the calibration
    /// gate checks every instrument is calibrated until then. Null: planned end unknown, checked at start only.
    /// </summary>
    public TimeSpan? PlannedDuration { get; init; }

    /// <summary>Path of the calibration snapshot (every instrument's record at the start) in the run folder.</summary>
    public string? CalibrationSnapshot { get; init; }
}
