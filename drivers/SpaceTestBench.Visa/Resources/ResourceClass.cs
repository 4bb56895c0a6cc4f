namespace SpaceTestBench.Visa.Resources;

/// <summary>The resource classes a resource string can name (VPP-4.3 §4.3.1).</summary>
public enum ResourceClass
{
    /// <summary>A message-based instrument (VXI-11, HiSLIP, serial, GPIB, USBTMC).</summary>
    Instr,

    /// <summary>A raw TCP socket ("SCPI-RAW", port 5025 by convention).</summary>
    Socket,

    /// <summary>A GPIB interface board.</summary>
    Intfc,

    /// <summary>A raw USB device.</summary>
    Raw,
}
