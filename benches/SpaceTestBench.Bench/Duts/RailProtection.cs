using System.Text.Json;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Bench.Duts;

/// <summary>
/// The DUT's own over-current protection on one rail, as its datasheet states it (<c>supplies.&lt;rail&gt;.protection</c>):
/// the current above which it acts, the most it lets through while acting, how fast it must switch the rail off, and
/// how it recovers. These are the limits an over-current test judges, each shown with <see cref="Source"/>; the
/// physics the simulators run (the typical values, and what the protected path survives) is <see cref="Physics"/>.
/// </summary>
/// <param name="TripCurrent">Rail current above which the protection acts (typical).</param>
/// <param name="MaximumCurrent">The most current it lets through while acting, guaranteed; null: the datasheet guarantees none (a breaker passes what the source gives).</param>
/// <param name="MaximumResponseTime">The longest it takes to switch the rail off once the current is above the trip, guaranteed.</param>
/// <param name="Recovery">Whether it latches off until a power cycle or retries by itself.</param>
/// <param name="RetryPeriod">For auto-retry: the longest it stays off before it tries again, guaranteed; null for a latch.</param>
/// <param name="Source">The datasheet table and parameters these come from.</param>
public sealed record RailProtection(Quantity TripCurrent, Quantity? MaximumCurrent, Quantity MaximumResponseTime, ProtectionRecovery Recovery, Quantity? RetryPeriod, string Source)
{
    /// <summary>The protection's physics for the simulators.</summary>
    public required OverCurrentProtectionSpec Physics { get; init; }

    /// <summary>Reads <c>protection</c> of the rail at <paramref name="path"/>; null if the rail has none.</summary>
    internal static RailProtection? Read(JsonFields json, JsonElement rail, string path)
    {
        if (json.OptionalObject(rail, "protection", path) is not { } section)
        {
            return null;
        }

        path = JsonFields.Child(path, "protection");
        json.RejectUnknown(section, path, "tripCurrent", "limitCurrent", "responseTime", "recovery", "retryPeriod", "maximumCurrent", "maximumResponseTime",
            "maximumRetryPeriod", "continuousRating", "surgeCurrent", "surgeDuration", "damagedResistance", "source");
        var recovery = json.RequireString(section, "recovery", path) switch
        {
            "latch" => ProtectionRecovery.Latch,
            "autoRetry" => ProtectionRecovery.AutoRetry,
            var other => throw json.Error(JsonFields.Child(path, "recovery"), $"'{other}' is not a recovery: \"latch\" (off until the rail is power-cycled) or \"autoRetry\" (on again after retryPeriod)."),
        };
        var trip = Positive(json, section, "tripCurrent", path, Dimension.CurrentDim);
        var limit = json.OptionalQuantity(section, "limitCurrent", path, Dimension.CurrentDim);
        if (limit is { } clamp && clamp.SiValue < trip.SiValue)
        {
            throw json.Error(JsonFields.Child(path, "limitCurrent"), $"{clamp} is below the trip current {trip}: a limiter acts above its trip current.");
        }

        var response = Positive(json, section, "responseTime", path, Dimension.TimeDim);
        var retry = recovery == ProtectionRecovery.AutoRetry ? Positive(json, section, "retryPeriod", path, Dimension.TimeDim) : (Quantity?)null;
        var maximumRetry = recovery == ProtectionRecovery.AutoRetry ? Positive(json, section, "maximumRetryPeriod", path, Dimension.TimeDim) : (Quantity?)null;
        var continuous = Positive(json, section, "continuousRating", path, Dimension.CurrentDim);
        var surge = Positive(json, section, "surgeCurrent", path, Dimension.CurrentDim);
        if (surge.SiValue <= continuous.SiValue)
        {
            throw json.Error(JsonFields.Child(path, "surgeCurrent"), $"{surge} is not above the continuous rating {continuous}: a surge rating is for a current beyond it.");
        }

        var physics = new OverCurrentProtectionSpec(trip.SiValue, response.SiValue, recovery)
        {
            LimitAmperes = limit?.SiValue,
            RetrySeconds = retry?.SiValue ?? 0,
            ContinuousAmperes = continuous.SiValue,
            SurgeAmperes = surge.SiValue,
            SurgeSeconds = Positive(json, section, "surgeDuration", path, Dimension.TimeDim).SiValue,
            DamagedOhms = Positive(json, section, "damagedResistance", path, Dimension.Resistance).SiValue,
        };
        return new RailProtection(
            trip, json.OptionalQuantity(section, "maximumCurrent", path, Dimension.CurrentDim), Positive(json, section, "maximumResponseTime", path, Dimension.TimeDim),
            recovery, maximumRetry, DutProfileLoader.RequireSource(json, section, path))
        {
            Physics = physics,
        };
    }

    private static Quantity Positive(JsonFields json, JsonElement section, string name, string path, Dimension dimension)
    {
        var value = json.RequireQuantity(section, name, path, dimension);
        return value.SiValue > 0 ? value : throw json.Error(JsonFields.Child(path, name), "must be greater than zero.");
    }
}
