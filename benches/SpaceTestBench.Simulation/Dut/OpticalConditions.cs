namespace SpaceTestBench.Simulation.Dut;

/// <summary>What the DUT's receiver sees on average: the mean received power, the Doppler shift and its rate.</summary>
/// <param name="MeanReceivedWatts">Mean optical power at the receiver, W.</param>
/// <param name="DopplerHertz">Carrier frequency offset, Hz.</param>
/// <param name="DopplerRateHertzPerSecond">How fast the offset changes, Hz/s.</param>
internal readonly record struct OpticalConditions(double MeanReceivedWatts, double DopplerHertz, double DopplerRateHertzPerSecond = 0);
