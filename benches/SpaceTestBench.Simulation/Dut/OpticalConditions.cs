namespace SpaceTestBench.Simulation.Dut;

/// <summary>What the DUT's receiver sees on average: the mean received power and the Doppler shift.</summary>
/// <param name="MeanReceivedWatts">Mean optical power at the receiver, W.</param>
/// <param name="DopplerHertz">Carrier frequency offset, Hz.</param>
internal readonly record struct OpticalConditions(double MeanReceivedWatts, double DopplerHertz);
