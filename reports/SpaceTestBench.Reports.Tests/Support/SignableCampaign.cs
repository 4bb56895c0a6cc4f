using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests.Support;

/// <summary>
/// The synthetic campaign as a run would record it today: with copies of its bench file, DUT profile and feature
/// files and a calibration snapshot in the run folder, and a named operator, so its report can be signed.
/// </summary>
public static class SignableCampaign
{
    public const string Operator = "Alex Operator";

    public static readonly string[] Features = ["features/power/power-on.feature", "features/radiation/single-event-latchup.feature"];

    /// <summary>Writes the campaign into <paramref name="runFolder"/> and renders revision 1 of its report.</summary>
    public static void Write(string runFolder)
    {
        Directory.CreateDirectory(runFolder);
        var (benchCopy, benchSha) = RunInputs.CopyBenchFile(runFolder, TestRepository.Path("benches/simulated.bench.json"));
        var (dutCopy, dutSha) = RunInputs.CopyDutProfile(runFolder, TestRepository.Path("fixtures/duts/rad-hard-soc.json"));
        var procedures = RunInputs.CopyFeatureFiles(runFolder, Features.Select(f => (TestRepository.Path(f), f["features/".Length..])));
        SyntheticCampaign.Write(runFolder, seriesPoints: 2_000, measurements: 60, describe: info =>
        {
            var snapshot = RunInputs.WriteCalibrationSnapshot(runFolder, info.Bench.Instruments);
            return info with
            {
                Operator = Operator,
                Bench = info.Bench with { Copy = benchCopy, Sha256 = benchSha, Simulated = true },
                Dut = info.Dut with { Copy = dutCopy, Sha256 = dutSha },
                Procedures = procedures,
                CalibrationSnapshot = snapshot,
            };
        });
        ReportRenderer.Render(runFolder);
    }
}
