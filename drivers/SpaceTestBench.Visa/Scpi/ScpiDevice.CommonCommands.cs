using System.Text;

namespace SpaceTestBench.Visa.Scpi;

/// <summary>The commands every instrument has: IEEE 488.2 §10 common commands and the SCPI-99 required subsystems.</summary>
public abstract partial class ScpiDevice
{
    private ScpiCommandTree BuildTree()
    {
        var tree = new ScpiCommandTree();
        tree.Query("*IDN?", _ => Identity.ToResponse())
            .Command("*RST", _ => Reset())
            .Command("*CLS", _ =>
            {
                // IEEE 488.2 §10.3: event registers and the error queue, not the enable masks.
                Errors.Clear();
                EventStatusRegister = 0;
                Operation.ClearEvent();
                Questionable.ClearEvent();
            })
            .Setting("*ESE", ctx => EventStatusEnable = (byte)ctx.Parameter(0).AsInteger(0, 255), _ => ScpiFormat.Nr1(EventStatusEnable))
            .Query("*ESR?", _ =>
            {
                var value = EventStatusRegister;
                EventStatusRegister = 0;
                return ScpiFormat.Nr1(value);
            })
            .Setting("*SRE", ctx => ServiceRequestEnable = (byte)(ctx.Parameter(0).AsInteger(0, 255) & ~0x40), _ => ScpiFormat.Nr1(ServiceRequestEnable))
            .Query("*STB?", _ => ScpiFormat.Nr1(StatusByteUnlocked(messageAvailable: false)))
            .Command("*OPC", _ => EventStatusRegister |= EventStatus.OperationComplete)
            .Query("*OPC?", _ => "1")
            .Command("*WAI", _ => { })
            .Command("*TRG", _ => OnTrigger())
            .Query("*TST?", _ => ScpiFormat.Nr1(SelfTest()))
            .Query("SYSTem:ERRor[:NEXT]?", _ => Errors.Pop().ToString())
            .Query("SYSTem:ERRor:COUNt?", _ => ScpiFormat.Nr1(Errors.Count))
            .Query("SYSTem:ERRor:ALL?", _ => AllErrors())
            .Query("SYSTem:VERSion?", _ => "1999.0")
            .Command("STATus:PRESet", _ =>
            {
                Operation.Preset();
                Questionable.Preset();
            });
        DeclareStatusRegister(tree, "STATus:OPERation", Operation);
        DeclareStatusRegister(tree, "STATus:QUEStionable", Questionable);
        DeclareCommands(tree);
        return tree;
    }

    private static void DeclareStatusRegister(ScpiCommandTree tree, string root, ScpiStatusRegister register) =>
        tree.Query($"{root}[:EVENt]?", _ => ScpiFormat.Nr1(register.ReadEvent()))
            .Query($"{root}:CONDition?", _ => ScpiFormat.Nr1(register.Condition))
            .Setting($"{root}:ENABle", ctx => register.Enable = (ushort)(ctx.Parameter(0).AsInteger(0, 65535) & 0x7FFF), _ => ScpiFormat.Nr1(register.Enable));

    private string AllErrors()
    {
        // SCPI-99 Vol. 2 §21.8.5: every queued error, oldest first, or 0,"No error".
        if (Errors.Count == 0)
        {
            return ScpiError.NoError.ToString();
        }

        var all = new StringBuilder();
        while (Errors.Count > 0)
        {
            if (all.Length > 0)
            {
                all.Append(',');
            }

            all.Append(Errors.Pop().ToString());
        }

        return all.ToString();
    }
}
