namespace SpaceTestBench.Reports.Tests.Support;

/// <summary>A bench clock that moves only when told to, so a synthetic campaign is the same every time.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset to) => _now = to;
}
