namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// Marks a role operation that only reads: sending it twice changes nothing on the instrument, so the bench
/// may retry it after a timeout, garbage or a reconnect. Operations without it (settings, outputs, shutters,
/// resets, anything that clears a counter as it reads) are never repeated behind the caller's back.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class IdempotentQueryAttribute : Attribute;
