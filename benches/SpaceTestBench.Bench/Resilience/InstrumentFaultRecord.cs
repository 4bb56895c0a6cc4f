namespace SpaceTestBench.Bench.Resilience;

/// <summary>One instrument fault the bench saw, and whether it recovered.</summary>
/// <param name="BenchTime">When it was seen.</param>
/// <param name="Role">The role the instrument played for the call.</param>
/// <param name="Instrument">Model and resource.</param>
/// <param name="Operation">The role operation with its arguments.</param>
/// <param name="Error">What went wrong (names the command on the wire where the VISA layer knows it).</param>
/// <param name="Recovered">True if a retry (after a reconnect where needed) succeeded.</param>
public sealed record InstrumentFaultRecord(DateTimeOffset BenchTime, string Role, string Instrument, string Operation, string Error, bool Recovered);
