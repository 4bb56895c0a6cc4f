namespace SpaceTestBench.Steps.Parameters;

/// <summary>A single-event effect a beam run counts (ESCC 25100 / JESD57 taxonomy).</summary>
public enum SingleEventEffect
{
    /// <summary>Single-event upset: a stored bit flipped (found and corrected by the memory test).</summary>
    Upset,

    /// <summary>Single-event functional interrupt: the DUT stopped responding and needed a reset or power cycle.</summary>
    FunctionalInterrupt,

    /// <summary>Single-event latch-up: the rail current ran into the latch-up monitor's limit.</summary>
    Latchup,

    /// <summary>Silent data corruption: an inference that disagreed with the golden model.</summary>
    SilentDataCorruption,
}
