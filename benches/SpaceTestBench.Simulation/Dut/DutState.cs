namespace SpaceTestBench.Simulation.Dut;

/// <summary>What the DUT's test agent reports about the DUT.</summary>
public enum DutState
{
    /// <summary>Not powered.</summary>
    Off,

    /// <summary>Powered, booting after power-on or reset.</summary>
    Booting,

    /// <summary>Running, no workload.</summary>
    Idle,

    /// <summary>Running a workload.</summary>
    Running,

    /// <summary>A functional interrupt (SEFI or latch-up) stopped it; needs a reset or a power cycle.</summary>
    Hung,

    /// <summary>Permanently failed (total dose beyond its tolerance, or burnt out by a latch-up).</summary>
    Failed,
}

/// <summary>The test agent's workloads.</summary>
public enum WorkloadKind
{
    /// <summary>Nothing running.</summary>
    None,

    /// <summary>Memory march and scrub: upsets are found and corrected.</summary>
    MemoryTest,

    /// <summary>AI inference compared against a golden model.</summary>
    Inference,
}

/// <summary>State of the DUT's optical terminal.</summary>
public enum LinkState
{
    /// <summary>No terminal, or the DUT is off or booting.</summary>
    Idle,

    /// <summary>Looking for the signal (acquisition under way).</summary>
    Searching,

    /// <summary>Acquired and tracking.</summary>
    Locked,
}
