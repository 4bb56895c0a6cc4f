namespace SpaceTestBench.Instruments.Roles;

/// <summary>What the DUT is doing, as its agent reports it.</summary>
public enum DutStatus
{
    /// <summary>Not powered.</summary>
    Off,

    /// <summary>Booting after power-on or reset.</summary>
    Booting,

    /// <summary>Up, no workload.</summary>
    Idle,

    /// <summary>Running a workload.</summary>
    Running,

    /// <summary>Stopped responding (a functional interrupt or latch-up).</summary>
    Hung,

    /// <summary>Permanently failed.</summary>
    Failed,
}

/// <summary>Workloads of the test agent.</summary>
public enum DutWorkload
{
    /// <summary>Memory march and scrub (counts corrected upsets).</summary>
    MemoryTest,

    /// <summary>AI inference compared against a golden model (counts mismatches).</summary>
    Inference,
}

/// <summary>State of the DUT's optical terminal.</summary>
public enum OpticalLinkState
{
    /// <summary>No terminal, or the DUT is down.</summary>
    Idle,

    /// <summary>Acquiring.</summary>
    Searching,

    /// <summary>Acquired and tracking.</summary>
    Locked,
}
