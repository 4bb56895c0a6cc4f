namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// Marks a role operation that arms, disarms or reads an instrument's own watch on a condition (the service request
/// it raises when the condition arises): it changes nothing the DUT or its environment sees, so it is no hazard an
/// interlock must look at again, and it leaves the instrument's setpoint as it was. Not a query: it may clear the
/// event it reads, so it is never retried behind the caller's back.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class InstrumentWatchAttribute : Attribute;
