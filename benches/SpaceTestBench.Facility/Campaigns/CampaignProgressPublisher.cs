using System.Text.Json;
using System.Text.Json.Serialization;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Progress;

namespace SpaceTestBench.Facility.Campaigns;

/// <summary>
/// A station host's progress sink: turns the run's typed progress events into the campaign's events that the
/// control node serves to the tenant (<c>GET /api/v1/campaigns/{id}/events</c>): "snapshot", the campaign's
/// <see cref="ProgressSnapshot"/> as JSON, at most once per <see cref="Interval"/> of wall-clock time and always
/// at a scenario's start and finish and at the end; "measurements", a JSON array of every measurement recorded
/// since the last batch, at most once per interval. <see cref="Publish"/> returns at once (it is called on the
/// campaign's thread); the writes happen on the flush loop.
/// </summary>
public sealed class CampaignProgressPublisher : IProgressSink, IAsyncDisposable
{
    /// <summary>How often a snapshot or a batch of measurements goes out at most (outside scenario boundaries).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Action<string, string> _emit;
    private readonly PeriodicTimer _timer;
    private readonly Lock _gate = new();
    private readonly List<CampaignMeasurement> _measurements = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private ProgressSnapshot _snapshot = ProgressSnapshot.Empty;
    private bool _changed;

    /// <summary>A publisher handing each event (kind, JSON text) to <paramref name="emit"/>, in order.</summary>
    public CampaignProgressPublisher(Action<string, string> emit, TimeProvider wallClock)
    {
        _emit = emit;
        // Made here, not in the loop, so the first tick is counted from now whenever the loop gets to run.
        _timer = new PeriodicTimer(Interval, wallClock);
        _loop = Task.Run(FlushLoopAsync);
    }

    /// <inheritdoc />
    public void Publish(ProgressEvent progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        lock (_gate)
        {
            _snapshot = _snapshot.With(progress);
            _changed = true;
            if (progress is MeasurementTaken m)
            {
                _measurements.Add(new CampaignMeasurement(_snapshot.ScenarioNumber, _snapshot.ScenarioName, m.Name, m.Value, m.Unit, m.Verdict, m.Limit, m.BenchTime, m.Conditions));
            }

            if (progress is ScenarioProgressStarted or ScenarioProgressFinished or CampaignProgressFinished)
            {
                FlushLocked();
            }
        }
    }

    /// <summary>Sends what is pending and the last snapshot.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        lock (_gate)
        {
            // The end always carries a snapshot, so a viewer's last picture is the campaign's last.
            _changed |= _snapshot.Scenarios > 0;
            FlushLocked();
        }

        _timer.Dispose();
        _stop.Dispose();
    }

    private async Task FlushLoopAsync()
    {
        while (await _timer.WaitForNextTickAsync(_stop.Token))
        {
            lock (_gate)
            {
                FlushLocked();
            }
        }
    }

    private void FlushLocked()
    {
        if (_measurements.Count > 0)
        {
            _emit("measurements", JsonSerializer.Serialize(_measurements, CampaignEventJsonContext.Default.ListCampaignMeasurement));
            _measurements.Clear();
        }

        // Nothing before the campaign's start: an empty picture would say it has no scenario.
        if (_changed && _snapshot.Scenarios > 0)
        {
            _emit("snapshot", ProgressSnapshotJson.Serialize(_snapshot));
            _changed = false;
        }
    }
}

/// <summary>One recorded measurement in a campaign's "measurements" event.</summary>
/// <param name="Scenario">The scenario's position in the run, from 1.</param>
/// <param name="ScenarioName">The scenario's name.</param>
/// <param name="Name">What was measured.</param>
/// <param name="Value">The value, in <paramref name="Unit"/> (NaN written as the string "NaN").</param>
/// <param name="Unit">Its unit symbol ("" for counts).</param>
/// <param name="Verdict">Its verdict ("NotSet" without a limit).</param>
/// <param name="Limit">The limit in words, or null.</param>
/// <param name="BenchTime">When it was measured, in bench time.</param>
/// <param name="Conditions">The conditions it was measured under, each as text with its unit.</param>
public sealed record CampaignMeasurement(
    int Scenario, string? ScenarioName, string Name, double Value, string Unit, Verdict Verdict, string? Limit, DateTimeOffset BenchTime, IReadOnlyDictionary<string, string> Conditions);

/// <summary>The JSON of a campaign's "measurements" events.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(List<CampaignMeasurement>))]
public sealed partial class CampaignEventJsonContext : JsonSerializerContext;
