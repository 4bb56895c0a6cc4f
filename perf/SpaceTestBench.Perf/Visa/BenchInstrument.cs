using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Perf.Visa;

/// <summary>The instrument the VISA benchmarks talk to: a real SCPI tree, a reading, and a large block.</summary>
public sealed class BenchInstrument(byte[] block) : ScpiDevice(new InstrumentIdentity("SpaceTestBench", "PerfInstrument", "0", "1.0"))
{
    private double _volts = 1.0;

    protected override void DeclareCommands(ScpiCommandTree tree) =>
        tree.Setting("[SOURce:]VOLTage[:LEVel]", ctx => _volts = ctx.Parameter(0).AsNumber(new ScpiNumericRange("V", 0, 10, 0)), _ => ScpiFormat.Nr3(_volts))
            .Query("MEASure[:SCALar]:VOLTage[:DC]?", _ => ScpiFormat.Nr3(_volts))
            .Query("DATA?", _ => ScpiResponse.FromBlock(block));

    protected override void Reset() => _volts = 1.0;
}
