namespace SpaceTestBench.Instruments.Roles;

/// <summary>The bit-error tester role: pattern generator and error detector with a gating period.</summary>
public interface IBitErrorTester : IInstrument
{
    /// <summary>Sets a PRBS 2ⁿ−1 pattern on both the generator and the detector.</summary>
    Task SetPrbsPatternAsync(int polynomialLength, CancellationToken cancellationToken = default);

    /// <summary>Starts a measurement gated for <paramref name="gatingPeriod"/> (whole seconds); null: until stopped.</summary>
    Task StartAsync(TimeSpan? gatingPeriod, CancellationToken cancellationToken = default);

    /// <summary>Stops the measurement.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether a measurement is running.</summary>
    [IdempotentQuery]
    Task<bool> IsMeasuringAsync(CancellationToken cancellationToken = default);

    /// <summary>The result of the current or last measurement.</summary>
    [IdempotentQuery]
    Task<BitErrorResult> ReadResultAsync(CancellationToken cancellationToken = default);
}
