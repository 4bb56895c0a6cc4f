namespace SpaceTestBench.Simulation.Hosting;

/// <summary>The VISA-layer protocol a simulated instrument is served over.</summary>
public enum SimulatorProtocol
{
    /// <summary>Raw TCP socket (SCPI-RAW): <c>TCPIP0::127.0.0.1::port::SOCKET</c>.</summary>
    Socket,

    /// <summary>VXI-11 (ONC RPC): <c>TCPIP0::127.0.0.1::inst0::INSTR</c>.</summary>
    Vxi11,

    /// <summary>HiSLIP (IVI-6.1): <c>TCPIP0::127.0.0.1::hislip0,port::INSTR</c>.</summary>
    HiSlip,
}
