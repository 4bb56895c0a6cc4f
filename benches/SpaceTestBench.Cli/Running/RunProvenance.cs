using System.Globalization;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Cli.Running;

/// <summary>Collects what a report needs to make a run reproducible: bench and instruments as opened, DUT profile, software.</summary>
internal static class RunProvenance
{
    /// <summary>The characteristic that names the optical receiver's modulation: OOK, DPSK, BPSK or PPM.</summary>
    public const string ModulationKey = "optical terminal: modulation";

    public static RunInfo Describe(
        string runId, BenchSession session, DutProfile dut, RunRequest request, DateTimeOffset startedWall, IReadOnlyList<(string Path, string Uri)> featureFiles)
    {
        var bench = new BenchInfo(
            session.Definition.Name,
            session.Definition.File,
            session.Definition.Clock == BenchClockKind.Virtual ? "virtual bench time (simulated bench)" : "wall clock",
            session.Instruments.Select(i => new InstrumentInfo(
                i.Definition.Id, i.Definition.Model, i.Driver.Identity?.ToString() ?? "(no identity)", i.Resource, i.Definition.Simulated,
                i.Definition.SerialNumber, i.Definition.CalibrationDue,
                session.Definition.Roles.Values.Where(r => r.InstrumentId == i.Definition.Id).Select(r => r.Name).ToList())
            {
                Firmware = i.Driver.Identity?.Firmware,
                Calibration = i.Definition.Calibration,
                Dosimetry = i.Definition.Dosimetry,
            }).ToList());

        // The inputs are copied into the run folder and named by hash, so a signed report identifies exactly what ran.
        var (benchCopy, benchSha) = RunInputs.CopyBenchFile(request.RunFolder, session.Definition.File);
        bench = bench with
        {
            Simulated = session.Definition.Clock == BenchClockKind.Virtual,
            Facility = session.Definition.Facility,
            Sha256 = benchSha,
            Copy = benchCopy,
        };
        var characteristics = new List<KeyValuePair<string, string>>();
        foreach (var rail in dut.Rails.Values)
        {
            characteristics.Add(new($"{rail.Name} rail: nominal voltage", rail.NominalVoltage.ToString()));
            characteristics.Add(new($"{rail.Name} rail: supply current limits", $"{rail.SupplyCurrent} (source: {rail.SupplyCurrentSource})"));
            characteristics.Add(new($"{rail.Name} rail: protective current limit", rail.CurrentLimit.ToString()));
        }

        if (dut.DoseLimits is { } dose)
        {
            if (dose.LeakageIncrease is { } leakage)
            {
                characteristics.Add(new("post-irradiation limit: leakage current increase", $"{leakage} (source: {dose.Source})"));
            }

            if (dose.ThresholdShift is { } shift)
            {
                characteristics.Add(new("post-irradiation limit: threshold-voltage shift", $"± {shift} (source: {dose.Source})"));
            }
        }

        if (dut.Physics?.OpticalTerminal is { } terminal)
        {
            // The key and the words the BER analysis reads to choose its waterfall law.
            characteristics.Add(new(ModulationKey, terminal.Modulation switch
            {
                OpticalModulation.OnOffKeying => "OOK",
                OpticalModulation.DifferentialPhaseShiftKeying => "DPSK",
                OpticalModulation.HomodyneBinaryPhaseShiftKeying => "BPSK",
                _ => throw new InvalidOperationException($"No name for the modulation {terminal.Modulation}: add it to the run provenance."),
            }));
        }

        if (dut.Physics?.SingleEvents?.UpsetBits is > 0 and var bits)
        {
            characteristics.Add(new("single-event upsets: bits exposed", bits.ToString("0", CultureInfo.InvariantCulture)));
        }

        var (dutCopy, dutSha) = RunInputs.CopyDutProfile(request.RunFolder, dut.File);
        var dutInfo = new DutInfo(dut.Id, dut.Name, dut.SerialNumber, dut.File, dut.Description, characteristics, ReadText(dut.File))
        {
            TestArticle = dut.TestArticle,
            Sha256 = dutSha,
            Copy = dutCopy,
        };
        var software = SoftwareInfo.Describe(
            typeof(RunProvenance).Assembly,
            [
                typeof(Gherkin.Parsing.FeatureSource).Assembly, typeof(Steps.Running.BenchRunner).Assembly, typeof(BenchSession).Assembly,
                typeof(Results.Verdict).Assembly, typeof(Reports.ReportRenderer).Assembly, typeof(Microsoft.Data.Sqlite.SqliteConnection).Assembly,
                typeof(MathNet.Numerics.SpecialFunctions).Assembly, typeof(ScottPlot.Plot).Assembly, typeof(CsvHelper.CsvWriter).Assembly,
                typeof(global::Gherkin.Parser).Assembly, typeof(System.CommandLine.RootCommand).Assembly,
            ]);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Host"] = Environment.MachineName,
            ["Command"] = Environment.CommandLine,
            ["Features"] = string.Join(", ", request.Features),
            ["Tag expression"] = request.Tags ?? "(all scenarios)",
            ["Bench seed"] = session.Definition.Seed.ToString(CultureInfo.InvariantCulture),
            [ResumeKeys.Features] = System.Text.Json.JsonSerializer.Serialize(request.Features),
            [ResumeKeys.FeaturesRoot] = request.FeaturesRoot,
            [ResumeKeys.Tags] = request.Tags ?? "",
            [ResumeKeys.Order] = request.Order.ToString(),
            [ResumeKeys.Retry] = request.Retry.ToString(CultureInfo.InvariantCulture),
            [ResumeKeys.Samples] = System.Text.Json.JsonSerializer.Serialize(request.Samples),
        };
        if (request.Samples.Count > 0)
        {
            properties["Samples named"] = string.Join(", ", request.Samples);
        }
        return new RunInfo(runId, bench, dutInfo, request.Operator ?? session.Definition.Operator ?? RunInfo.OperatorNotStated, software, startedWall, properties)
        {
            Procedures = RunInputs.CopyFeatureFiles(request.RunFolder, featureFiles),
            PlannedDuration = request.PlannedDuration,
            CalibrationSnapshot = RunInputs.WriteCalibrationSnapshot(request.RunFolder, bench.Instruments),
        };
    }

    private static string? ReadText(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
