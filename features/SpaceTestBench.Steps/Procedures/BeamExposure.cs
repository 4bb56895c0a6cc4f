using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Steps.Parameters;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>The events of one effect counted in one beam run.</summary>
/// <param name="Effect">The effect.</param>
/// <param name="Species">The facility's name for the ion or "PROTON".</param>
/// <param name="IsProton">True for a proton run (its cross-section is per energy, not per LET).</param>
/// <param name="Let">LET at normal incidence, as the beam line reports it.</param>
/// <param name="Tilt">Beam to die normal.</param>
/// <param name="Energy">The proton energy; null for a heavy ion.</param>
/// <param name="Fluence">Fluence delivered, measured normal to the beam.</param>
/// <param name="Events">Events counted.</param>
/// <param name="Bits">Bits exposed (upsets), to quote σ per bit; null per device.</param>
/// <param name="Inferences">Inferences checked against the golden model during the run (0 if none ran).</param>
public sealed record BeamExposure(
    SingleEventEffect Effect, string Species, bool IsProton, Quantity Let, Quantity Tilt, Quantity? Energy, Quantity Fluence, long Events, long? Bits, long Inferences)
{
    /// <summary>
    /// Relative standard uncertainty (k = 1) of <see cref="Fluence"/> from the beam's characterisation (the
    /// bench file's <c>calibrationUncertainty</c> of the beam instrument); null when the bench states none.
    /// </summary>
    public Quantity? FluenceUncertainty { get; init; }

    /// <summary>Φ·cos θ: the fluence through the plane of the die.</summary>
    public double EffectiveFluenceSi => Fluence.SiValue * Math.Cos(Tilt.SiValue);
}

/// <summary>
/// How latch-up is watched for during beam runs: every rail of the DUT, each against its own trip (ESCC 25100 and
/// JESD57 monitor the supply current of every rail: a latch on the core rail hangs the part as surely as one on the
/// I/O rail, and a rail nobody watches hides it).
/// </summary>
/// <param name="Rails">Each rail's current before irradiation and trip.</param>
/// <param name="Response">The longest allowed time from latch-up to the rail switched off.</param>
/// <param name="Off">How long the DUT is held off before it is switched on again.</param>
public sealed record LatchupWatch(IReadOnlyList<RailWatch> Rails, TimeSpan Response, TimeSpan Off)
{
    /// <summary>
    /// The smallest persistent step above a rail's current before irradiation that counts as a micro-latch (a latch whose
    /// current stays below the trip), A; null: micro-latches are not looked for.
    /// </summary>
    public double? MicroLatchStepAmperes { get; init; }
}

/// <summary>One rail's latch-up watch.</summary>
/// <param name="Rail">The DUT rail ("core", "io").</param>
/// <param name="BaselineAmperes">The rail's current before irradiation, A: the trip's and a micro-latch step's reference.</param>
/// <param name="TripAmperes">The current limit a latch-up runs the rail into, A.</param>
/// <param name="TripBasis">Where the trip comes from, as the report states it.</param>
public sealed record RailWatch(string Rail, double BaselineAmperes, double TripAmperes, string TripBasis)
{
    /// <summary>
    /// The share of the trip at which a rail reads as being at it. A supply channel reports no current-limit flag through
    /// its role: a rail reading within its meter's accuracy of the trip sits at it (a supply's readback is good to about
    /// 0.1 % of reading plus an offset; 1 % is well clear of both).
    /// </summary>
    public const double AtTripFraction = 0.99;

    /// <summary>Whether <paramref name="amperes"/> on this rail reads as being at its trip.</summary>
    public bool AtTrip(double amperes) => amperes >= TripAmperes * AtTripFraction;
}

/// <summary>One latch-up the watch caught.</summary>
/// <param name="At">When it was detected (bench time).</param>
/// <param name="Rail">The rail it latched.</param>
/// <param name="Amperes">The rail current at detection, A.</param>
/// <param name="Response">Upper bound on the time from latch-up to the rail switched off: since the last check that saw the rail clear.</param>
/// <param name="MicroLatch">True for a micro-latch (a persistent step below the trip), false for a latch into the trip.</param>
public sealed record LatchupEvent(DateTimeOffset At, string Rail, double Amperes, TimeSpan Response, bool MicroLatch);

/// <summary>When a beam run ends: at its fluence, or once every effect it counts has reached the event count (JESD57, ESCC 25100 practice).</summary>
/// <param name="Fluence">Fluence at which the run ends.</param>
/// <param name="Events">Events of every counted effect at which the run may end early.</param>
/// <param name="Flux">Flux of the run.</param>
public sealed record BeamRunPlan(Quantity Fluence, int Events, Quantity Flux);
