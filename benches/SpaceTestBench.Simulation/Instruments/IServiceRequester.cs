namespace SpaceTestBench.Simulation.Instruments;

/// <summary>A simulated instrument that requests service (IEEE 488.2 SRQ) when its physics crosses an armed condition.</summary>
public interface IServiceRequester
{
    /// <summary>
    /// Raised when the device starts requesting service (its status byte's MSS bit rises): what a GPIB SRQ line, a
    /// HiSLIP AsyncServiceRequest or a VXI-11 device_intr_srq carries to the controller. On a virtual clock it is
    /// raised at the exact bench time the condition arises, with time stopped there.
    /// </summary>
    event Action? ServiceRequested;
}
