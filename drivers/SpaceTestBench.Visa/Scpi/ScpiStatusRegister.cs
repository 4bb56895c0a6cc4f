namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// A SCPI-99 status register (Vol. 1 §9, Vol. 2 §20): a condition register the instrument drives, an
/// event register latching rising edges (the default positive transition filter), and an enable mask.
/// Its summary (event AND enable, non-zero) feeds a status byte bit. Changed only under the device lock.
/// </summary>
public sealed class ScpiStatusRegister
{
    /// <summary>Live state of the 15 condition bits.</summary>
    public ushort Condition { get; private set; }

    /// <summary>Latched events since the last read (read-and-clear by <c>:EVENt?</c>).</summary>
    public ushort Event { get; private set; }

    /// <summary>Which events count towards the summary bit (<c>:ENABle</c>).</summary>
    public ushort Enable { get; set; }

    /// <summary>True if an enabled event is latched.</summary>
    public bool Summary => (Event & Enable) != 0;

    /// <summary>Sets or clears condition bits; a bit going 0 → 1 latches its event.</summary>
    public void SetCondition(ushort bits, bool value)
    {
        var before = Condition;
        Condition = (ushort)(value ? Condition | bits : Condition & ~bits);
        Event |= (ushort)(Condition & ~before & 0x7FFF);
    }

    /// <summary>Reads and clears the event register.</summary>
    public ushort ReadEvent()
    {
        var value = Event;
        Event = 0;
        return value;
    }

    /// <summary>Clears the event register (*CLS).</summary>
    public void ClearEvent() => Event = 0;

    /// <summary>STATus:PRESet: enable mask to 0 (SCPI-99 Vol. 2 §20.7).</summary>
    public void Preset() => Enable = 0;
}
