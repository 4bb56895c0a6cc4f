using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// The facility's particles, as its beam line offers them: feature files ask for an LET, and the bench picks
/// the facility's ion whose LET is within 10 % of it, so a suite written at one facility runs at another
/// with its own cocktail. Read once per scenario (selecting each species needs the shutter closed).
/// </summary>
public sealed class BeamSpecies(BenchSession bench)
{
    /// <summary>How far an ion's LET may be from the one asked for.</summary>
    public const double LetTolerance = 0.10;

    private static readonly string[] ProtonNames = ["PROTON", "PROTONS", "P", "H", "H+"];
    private IReadOnlyList<(string Name, double Let)>? _ions;

    private IParticleBeam Beam => bench.Role<IParticleBeam>(BenchRoles.ParticleBeam).Instrument;

    /// <summary>The ion of the cocktail nearest <paramref name="let"/>, or an error listing the cocktail's LETs.</summary>
    public async Task<string> IonForAsync(Quantity let, CancellationToken cancellationToken = default)
    {
        var ions = _ions ??= await ReadIonsAsync(cancellationToken);
        var nearest = ions.OrderBy(i => Math.Abs(i.Let - let.SiValue)).FirstOrDefault();
        if (nearest.Name is null || Math.Abs(nearest.Let - let.SiValue) > LetTolerance * let.SiValue)
        {
            var unit = Units.Parse("MeV·cm²/mg");
            throw new ArgumentException(
                $"The facility has no ion within {LetTolerance:P0} of LET {let}; its cocktail offers {string.Join(", ", ions.Select(i => $"{i.Name} {Quantity.FromSi(i.Let, unit):G3}"))}.");
        }

        return nearest.Name;
    }

    /// <summary>The facility's name for protons.</summary>
    public async Task<string> ProtonAsync(CancellationToken cancellationToken = default)
    {
        var catalog = await Beam.GetSpeciesCatalogAsync(cancellationToken);
        return catalog.FirstOrDefault(s => ProtonNames.Contains(s.ToUpperInvariant()))
            ?? throw new ArgumentException($"The facility's beam line offers no protons; it offers {string.Join(", ", catalog)}.");
    }

    private async Task<IReadOnlyList<(string, double)>> ReadIonsAsync(CancellationToken cancellationToken)
    {
        await Beam.SetShutterOpenAsync(false, cancellationToken);
        var ions = new List<(string, double)>();
        foreach (var name in await Beam.GetSpeciesCatalogAsync(cancellationToken))
        {
            if (ProtonNames.Contains(name.ToUpperInvariant()))
            {
                continue;
            }

            await Beam.SelectSpeciesAsync(name, cancellationToken);
            ions.Add((name, (await Beam.GetBeamAsync(cancellationToken)).LinearEnergyTransfer));
        }

        return ions;
    }
}
