using SpaceTestBench.Bench.Resilience;

namespace SpaceTestBench.Bench.Safety;

/// <summary>
/// The bench's one safe-state sequence, in a fixed order: radiation first (gamma source down, beam shutter
/// closed), because nothing else matters while the DUT is irradiated unattended; then DUT power (supply and
/// SMU outputs off), so a latched or hot part stops dissipating; then the chamber to ambient at its safe
/// ramp (commanded, not waited for: a chamber takes hours and the DUT is already off); then every other
/// instrument. Every instrument is tried even when one fails; each stage's time is measured.
/// </summary>
internal static class SafeStateSequence
{
    /// <summary>The stages and the roles whose instruments each makes safe.</summary>
    public static IReadOnlyList<(string Name, string[] Roles)> Stages { get; } =
    [
        ("radiation off", [BenchRoles.GammaSource, BenchRoles.ParticleBeam]),
        ("DUT power off", [BenchRoles.DutSupply, BenchRoles.LatchupMonitor]),
        ("chamber to ambient", [BenchRoles.ThermalChamber]),
        ("other instruments", []),
    ];

    public static async Task<SafeStateReport> RunAsync(
        IReadOnlyList<InstrumentHandle> instruments, Func<InstrumentHandle, IReadOnlyList<string>> rolesOf, SafeStateReason reason, string detail,
        TimeProvider clock, Serilog.ILogger log, CancellationToken cancellationToken)
    {
        var wall = TimeProvider.System;
        var started = wall.GetTimestamp();
        var benchTime = clock.GetUtcNow();
        var done = new HashSet<InstrumentHandle>();
        var stages = new List<SafeStateStage>();
        foreach (var (name, roles) in Stages)
        {
            var stageStarted = wall.GetTimestamp();
            var members = instruments.Where(i => !done.Contains(i) && (roles.Length == 0 || rolesOf(i).Any(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase)))).ToList();
            var failures = new List<string>();
            foreach (var instrument in members)
            {
                done.Add(instrument);
                var played = rolesOf(instrument);
                var role = played.Count > 0 ? played[0] : $"instrument '{instrument.Definition.Id}'";
                try
                {
                    await instrument.SafeStateAsync(role, cancellationToken);
                }
                catch (Exception e) when (InstrumentHandle.IsTransient(e) || e is InstrumentStateLostException)
                {
                    log.Error(e, "Safe state failed for {Instrument}", instrument.Label);
                    failures.Add($"{instrument.Label}: {e.Message}");
                }
            }

            stages.Add(new SafeStateStage(name, [.. members.Select(m => m.Label)], wall.GetElapsedTime(stageStarted), failures));
        }

        return new SafeStateReport(reason, detail, benchTime, wall.GetElapsedTime(started), stages);
    }
}
