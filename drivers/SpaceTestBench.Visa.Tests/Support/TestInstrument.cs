using System.Buffers.Binary;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Visa.Tests.Support;

/// <summary>A small SCPI instrument exercising every kind of command and response the servers carry.</summary>
internal sealed class TestInstrument : ScpiDevice
{
    public static readonly InstrumentIdentity TestIdentity = new("SpaceTestBench", "TestInstrument", "SN0001", "1.0");

    private static readonly ScpiNumericRange VoltageRange = new("V", 0, 10, 0);

    public TestInstrument()
        : base(TestIdentity)
    {
    }

    public double[] Voltage { get; } = new double[4];

    public bool[] Output { get; } = new bool[4];

    public byte[] Data { get; set; } = [1, 2, 3, 10, 13, 35, 255];

    public float[] Samples { get; set; } = [1.5f, -2.25f, 1e-3f];

    public int Resets { get; private set; }

    public int Triggers { get; private set; }

    public int DeviceClears { get; private set; }

    public byte[]? ReceivedBlock { get; private set; }

    public string? Echo { get; private set; }

    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Setting("[SOURce#:]VOLTage[:LEVel][:IMMediate][:AMPLitude]",
                ctx => Voltage[ctx.Suffix(0, 1, 3)] = ctx.Parameter(0).AsNumber(VoltageRange),
                ctx => ScpiFormat.Nr3(ctx.OptionalParameter(0) is { } limit ? limit.AsLimit(VoltageRange) : Voltage[ctx.Suffix(0, 1, 3)]))
            .Query("MEASure[:SCALar]:VOLTage[:DC]?", _ => ScpiFormat.Nr3(Voltage[1]))
            .Setting("OUTPut#[:STATe]", ctx => Output[ctx.Suffix("OUTPut", 1, 3)] = ctx.Parameter(0).AsBoolean(), ctx => ScpiFormat.Boolean(Output[ctx.Suffix(0, 1, 3)]))
            .Query("DATA?", _ => ScpiResponse.FromBlock(Data))
            .Command("DATA", ctx => ReceivedBlock = ctx.Parameter(0).AsBlock().ToArray())
            .Query("DATA:LENGth?", _ => ScpiFormat.Nr1(ReceivedBlock?.Length ?? -1))
            .Query("DATA:FLOat?", _ => ScpiResponse.FromBlock(BigEndianFloats(Samples)))
            .Setting("ECHO", ctx => Echo = ctx.Parameter(0).AsString(), _ => $"\"{Echo}\"")
            .Query("CHANnel:LIST?", ctx => string.Join(",", ctx.Parameter(0).AsChannelList()))
            .Query("MODE?", ctx => ctx.Parameter(0).AsChoice("FIXed", "LIST", "STEP"))
            .Command("FAIL", _ => throw new InvalidOperationException("simulated fault"))
            .Command("CONDition:SET", ctx => Operation.SetCondition((ushort)ctx.Parameter(0).AsInteger(0, 32767), true));
    }

    protected override void Reset()
    {
        Resets++;
        Array.Clear(Voltage);
        Array.Clear(Output);
    }

    protected override void OnDeviceClear() => DeviceClears++;

    protected override void OnTrigger() => Triggers++;

    private static byte[] BigEndianFloats(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }
}
