namespace SpaceTestBench.Bench.Safety;

/// <summary>
/// The scenario was stopped because an interlock tripped with the action "stop"; the bench is in its safe
/// state. Its verdict is Aborted: the test did not finish, and the device is not judged by it.
/// </summary>
public sealed class InterlockTrippedException(InterlockTrip trip)
    : Exception($"The {trip.Name} interlock tripped at {trip.Reading} (limit {trip.Limit}); the bench responded with {trip.Response} and stopped the scenario.")
{
    /// <summary>The trip.</summary>
    public InterlockTrip Trip { get; } = trip;
}
