using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Bench;

/// <summary>A role feature files can name, and the capability an instrument needs to play it.</summary>
/// <param name="Name">The role name as feature files write it ("DUT supply").</param>
/// <param name="Capability">The role's capability interface.</param>
/// <param name="Description">What plays it.</param>
public sealed record RoleKind(string Name, Type Capability, string Description);

/// <summary>
/// The roles of the facility's vocabulary. Bench files map these names to instruments; an instrument can
/// play a role only if its driver implements the role's capability interface.
/// </summary>
public static class BenchRoles
{
    /// <summary>The DUT's power supply.</summary>
    public const string DutSupply = "DUT supply";

    /// <summary>The SMU biasing the DUT and watching for latch-up.</summary>
    public const string LatchupMonitor = "latch-up monitor";

    /// <summary>The thermal (or thermal-vacuum) chamber the DUT sits in.</summary>
    public const string ThermalChamber = "thermal chamber";

    /// <summary>The two-zone (air-to-air) thermal shock chamber whose basket carries a lot between its zones.</summary>
    public const string ThermalShockChamber = "thermal shock chamber";

    /// <summary>The Co-60 cell.</summary>
    public const string GammaSource = "gamma source";

    /// <summary>The heavy-ion or proton beam line.</summary>
    public const string ParticleBeam = "particle beam";

    /// <summary>The variable optical attenuator in the DUT's optical path.</summary>
    public const string OpticalAttenuator = "optical attenuator";

    /// <summary>The bit-error tester on the DUT's link.</summary>
    public const string BitErrorTester = "bit-error tester";

    /// <summary>The optical link emulator.</summary>
    public const string LinkEmulator = "link emulator";

    /// <summary>The DUT's test agent.</summary>
    public const string Dut = "DUT";

    private static readonly Dictionary<string, RoleKind> Kinds = new RoleKind[]
    {
        new(DutSupply, typeof(IDcPowerSupply), "a programmable multi-channel DC power supply"),
        new(LatchupMonitor, typeof(ILatchupMonitor), "a source-measure unit with current limit and trip"),
        new(ThermalChamber, typeof(IThermalChamber), "a thermal chamber (thermal-vacuum for vacuum steps)"),
        new(ThermalShockChamber, typeof(IThermalShockChamber), "a two-zone (air-to-air) thermal shock chamber"),
        new(GammaSource, typeof(IGammaSource), "a Co-60 cell with its dosimeter"),
        new(ParticleBeam, typeof(IParticleBeam), "a heavy-ion or proton beam line"),
        new(OpticalAttenuator, typeof(IOpticalAttenuator), "a variable optical attenuator"),
        new(BitErrorTester, typeof(IBitErrorTester), "a bit-error tester"),
        new(LinkEmulator, typeof(ILinkEmulator), "an optical link emulator"),
        new(Dut, typeof(IDutAgent), "the DUT's test agent"),
    }.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every role.</summary>
    public static IEnumerable<RoleKind> All => Kinds.Values;

    /// <summary>Finds a role by name (case-insensitive).</summary>
    public static bool TryGet(string name, out RoleKind kind) => Kinds.TryGetValue(name, out kind!);

    /// <summary>A capability interface in words ("a DC power supply").</summary>
    public static string Describe(Type capability) =>
        All.FirstOrDefault(k => k.Capability == capability)?.Description
        ?? (capability == typeof(IThermalVacuumChamber) ? "a thermal-vacuum chamber" : capability.Name);
}
