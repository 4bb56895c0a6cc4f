namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// The link budget a link emulator applies, term by term in dB as a budget table lists them (gains positive, losses
/// negative): Pr = Pt + Gt + Gr + free-space loss + pointing loss + atmospheric loss.
/// </summary>
/// <param name="TransmitGainDecibels">Transmit telescope gain Gt = (πDt/λ)², dB.</param>
/// <param name="ReceiveGainDecibels">Receive telescope gain Gr = (πDr/λ)², dB.</param>
/// <param name="FreeSpaceLossDecibels">Free-space loss (λ/4πL)² of the range, dB.</param>
/// <param name="PointingLossDecibels">Mean pointing loss of the emulated jitter and bias, dB.</param>
/// <param name="AtmosphericLossDecibels">Atmospheric loss, dB (0 between spacecraft).</param>
/// <param name="TotalDecibels">The sum: received over transmitted power, dB.</param>
public sealed record LinkBudgetTerms(
    double TransmitGainDecibels, double ReceiveGainDecibels, double FreeSpaceLossDecibels, double PointingLossDecibels, double AtmosphericLossDecibels, double TotalDecibels);
