using SpaceTestBench.Instruments;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Simulation.Hosting;

namespace SpaceTestBench.Bench.Definitions;

/// <summary>Which clock a bench runs on.</summary>
public enum BenchClockKind
{
    /// <summary>Virtual bench time that jumps when the bench waits (simulated benches).</summary>
    Virtual,

    /// <summary>The wall clock (real instruments).</summary>
    Wall,
}

/// <summary>
/// A bench: which instruments stand where, and which role each plays. Feature files name roles
/// ("the DUT supply"); the bench file maps each role to an instrument, a channel and a DUT rail.
/// </summary>
/// <param name="File">Full path of the bench file.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">What the bench is for.</param>
/// <param name="Clock">Virtual or wall clock.</param>
/// <param name="DefaultDutFile">Full path of the DUT profile used when a run names none.</param>
/// <param name="Seed">Seed of the simulators' random processes.</param>
/// <param name="Instruments">Instruments by id.</param>
/// <param name="Roles">Roles by name.</param>
public sealed record BenchDefinition(
    string File,
    string Name,
    string? Description,
    BenchClockKind Clock,
    string? DefaultDutFile,
    int Seed,
    IReadOnlyDictionary<string, InstrumentDefinition> Instruments,
    IReadOnlyDictionary<string, RoleDefinition> Roles)
{
    /// <summary>Interlocks, the retry policy and checkpointing (<c>"safety"</c>); none declared: no interlocks.</summary>
    public SafetyDefinition Safety { get; init; } = SafetyDefinition.None;

    /// <summary>The laboratory running the bench (<c>"facility"</c>): name, accreditation, document prefix, ambient; null if the file says none.</summary>
    public Results.Provenance.FacilityInfo? Facility { get; init; }

    /// <summary>
    /// Where a virtual clock starts (<c>"clockStart"</c>, UTC); null: at the wall clock's now. A simulated bench that pins
    /// it is reproducible in its calendar as its seed makes it in its noise: the same bench times in every run, and the
    /// calibration records of its simulated instruments judged at the dates its campaign is set in, not at whatever day
    /// the run happens on. A resumed run continues its own bench time instead.
    /// </summary>
    public DateTimeOffset? ClockStart { get; init; }

    /// <summary>Who operates the bench when a run names nobody with <c>--operator</c> (<c>"facility"."operator"</c>).</summary>
    public string? Operator { get; init; }

    /// <summary>
    /// Whether the instrument playing <paramref name="roleName"/> has a driver implementing
    /// <paramref name="capability"/> (a thermal chamber that is a thermal-vacuum chamber, say), known from the
    /// driver catalogue without opening anything. False when the bench lacks the role.
    /// </summary>
    public bool RoleProvides(string roleName, Type capability) =>
        Roles.TryGetValue(roleName, out var role)
        && Instruments.TryGetValue(role.InstrumentId, out var instrument)
        && InstrumentDrivers.TryGet(instrument.Model, out var driver)
        && driver.Implements(capability);
}

/// <summary>One instrument on the bench.</summary>
/// <param name="Id">Its id in the bench file.</param>
/// <param name="Model">The model, which selects the driver (and the simulator).</param>
/// <param name="Resource">VISA resource string; null when simulated.</param>
/// <param name="SerialNumber">Serial number (reported by the simulator when simulated).</param>
/// <param name="CalibrationDue">When its calibration expires.</param>
/// <param name="TimeoutMilliseconds">I/O timeout.</param>
public sealed record InstrumentDefinition(
    string Id,
    string Model,
    string? Resource,
    string? SerialNumber,
    DateOnly? CalibrationDue,
    int TimeoutMilliseconds)
{
    /// <summary>True if the bench starts a simulator for it.</summary>
    public bool Simulated => Resource is null;

    /// <summary>For a simulated instrument: the protocol its simulator is served over.</summary>
    public SimulatorProtocol Protocol { get; init; } = SimulatorProtocol.Socket;

    /// <summary>For a simulated instrument: the loopback port to serve on (0: any free port).</summary>
    public int Port { get; init; }

    /// <summary>Retry policy for this instrument's idempotent queries; null: the bench's.</summary>
    public RetryPolicyDefinition? Retry { get; init; }

    /// <summary>For a simulated instrument: faults to inject, with their triggers.</summary>
    public IReadOnlyList<ScheduledFault> Faults { get; init; } = [];

    /// <summary>
    /// The standard uncertainty (k = 1) of its main reading as its calibration certificate or the facility's
    /// characterisation states it: dB for an optical power meter, a ratio ("10 %") for a beam's fluence.
    /// Null when the bench file gives none; the analyses then say that it is missing.
    /// </summary>
    public Quantity? CalibrationUncertainty { get; init; }

    /// <summary>Its calibration record: due date, certificate, laboratory, or why it needs none.</summary>
    public Results.Provenance.CalibrationRecord Calibration { get; init; } = new(CalibrationDue, null, null, null);

    /// <summary>For a radiation source: how its dose rate or fluence is measured (<c>"dosimetry"</c>).</summary>
    public Results.Provenance.DosimetryInfo? Dosimetry { get; init; }
}

/// <summary>A role an instrument plays.</summary>
/// <param name="Name">The role name feature files use ("DUT supply").</param>
/// <param name="InstrumentId">The instrument playing it.</param>
/// <param name="Channel">The instrument channel, for multi-channel instruments.</param>
/// <param name="Rail">The DUT supply rail connected, for supplies.</param>
public sealed record RoleDefinition(string Name, string InstrumentId, int? Channel, string? Rail);
