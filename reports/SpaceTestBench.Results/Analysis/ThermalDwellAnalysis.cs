using System.Globalization;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Thermal stability and dwell verification. The setpoint trace is cut into plateaus; on each, the DUT
/// (load) temperature must come within tolerance and stay there (JESD22-A104: the load, not the air,
/// must reach the extremes), its rate of change over a trailing window must fall below the limit (the
/// plateau is stable from the end of the first such window), and it must then stay stable for the
/// required dwell. Runs in one pass over the DUT trace with running sums, so a million samples are cheap.
/// </summary>
public static class ThermalDwellAnalysis
{
    /// <summary>Judges every plateau of <paramref name="setpoint"/> against <paramref name="dut"/>.</summary>
    public static ThermalDwellResult Analyse(TimeTrace setpoint, TimeTrace dut, ThermalCriteria? criteria = null)
    {
        ArgumentNullException.ThrowIfNull(setpoint);
        ArgumentNullException.ThrowIfNull(dut);
        criteria ??= ThermalCriteria.Default;
        if (setpoint.Count == 0)
        {
            throw new AnalysisException("The setpoint trace is empty: there are no plateaus to judge.");
        }

        foreach (var trace in new[] { setpoint, dut })
        {
            if (trace.Unit.Dimension != Quantities.Dimension.TemperatureDim)
            {
                throw new AnalysisException($"A temperature trace is in {trace.Unit.Symbol}, a {trace.Unit.Dimension}.");
            }
        }

        // Everything in kelvin and in seconds since the setpoint's origin.
        var offset = (dut.Origin - setpoint.Origin).TotalSeconds;
        var dutSeconds = dut.Seconds.Span;
        var dutKelvin = new double[dut.Count];
        var dutValues = dut.Values.Span;
        for (var i = 0; i < dutKelvin.Length; i++)
        {
            dutKelvin[i] = dut.Unit.ToSi(dutValues[i]);
        }

        var times = new double[dut.Count];
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = dutSeconds[i] + offset;
        }

        var plateaus = new List<ThermalPlateau>();
        var spSeconds = setpoint.Seconds.Span;
        var spValues = setpoint.Values.Span;
        var end = Math.Max(spSeconds[^1], times.Length > 0 ? times[^1] : spSeconds[^1]);
        double? previous = null;
        var start = 0;
        while (start < spSeconds.Length)
        {
            var value = setpoint.Unit.ToSi(spValues[start]);
            var next = start + 1;
            while (next < spSeconds.Length && Math.Abs(setpoint.Unit.ToSi(spValues[next]) - value) < 1e-9)
            {
                next++;
            }

            var plateauEnd = next < spSeconds.Length ? spSeconds[next] : end;
            plateaus.Add(Judge(value, previous, spSeconds[start], plateauEnd, times, dutKelvin, criteria));
            previous = value;
            start = next;
        }

        return new ThermalDwellResult(criteria, plateaus);
    }

    private static ThermalPlateau Judge(double setpoint, double? previous, double start, double end, double[] times, double[] kelvin, ThermalCriteria criteria)
    {
        var judged = end - start >= criteria.RequiredDwell.TotalSeconds;
        var first = LowerBound(times, start);
        var last = LowerBound(times, end) - 1;
        ThermalPlateau Result(TimeSpan? inTolerance, TimeSpan? stabilised, double dwell, double rate, double overshoot, Verdict verdict, string? reason) =>
            new(setpoint, TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), inTolerance, stabilised, TimeSpan.FromSeconds(dwell),
                rate * 3600, overshoot, judged, judged ? verdict : Verdict.NotSet,
                judged ? reason : $"Shorter than the required dwell of {Minutes(criteria.RequiredDwell.TotalSeconds)}: a transition, not judged.");

        if (last - first < 1)
        {
            return Result(null, null, 0, double.NaN, 0, Verdict.Inconclusive, "No DUT temperature was recorded on this plateau.");
        }

        var direction = previous is { } p ? Math.Sign(setpoint - p) : 0;
        var overshoot = 0.0;
        var lastOut = first - 1;
        for (var i = first; i <= last; i++)
        {
            var deviation = kelvin[i] - setpoint;
            overshoot = Math.Max(overshoot, direction * deviation);
            if (Math.Abs(deviation) > criteria.ToleranceKelvin)
            {
                lastOut = i;
            }
        }

        if (lastOut == last)
        {
            return Result(null, null, 0, double.NaN, overshoot, Verdict.Fail,
                $"The DUT did not stay within ±{criteria.ToleranceKelvin:0.##} K of the setpoint to the end of the plateau.");
        }

        var from = lastOut + 1;
        var window = criteria.RateWindow.TotalSeconds;
        var limit = criteria.MaximumRateKelvinPerSecond;
        double? stabilised = null;
        var worstAfter = 0.0;

        // Running sums of (t − start) and (T − setpoint) over the trailing window [t_k − W, t_k].
        double n = 0, st = 0, sy = 0, stt = 0, sty = 0;
        var tail = from;
        for (var k = from; k <= last; k++)
        {
            double t = times[k] - start, y = kelvin[k] - setpoint;
            (n, st, sy, stt, sty) = (n + 1, st + t, sy + y, stt + (t * t), sty + (t * y));
            while (times[tail] < times[k] - window)
            {
                double tt = times[tail] - start, yy = kelvin[tail] - setpoint;
                (n, st, sy, stt, sty) = (n - 1, st - tt, sy - yy, stt - (tt * tt), sty - (tt * yy));
                tail++;
            }

            if (times[k] - times[from] < window || n < 3)
            {
                continue;
            }

            var denominator = (n * stt) - (st * st);
            var slope = denominator > 0 ? Math.Abs(((n * sty) - (st * sy)) / denominator) : 0;
            if (stabilised is null)
            {
                if (slope <= limit)
                {
                    stabilised = times[k];
                }
            }
            else
            {
                worstAfter = Math.Max(worstAfter, slope);
            }
        }

        var inTolerance = TimeSpan.FromSeconds(times[from] - start);
        if (stabilised is not { } stableFrom)
        {
            return Result(inTolerance, null, 0, double.NaN, overshoot, Verdict.Fail,
                $"The DUT never changed less than {limit * 3600:0.##} K/h over {Minutes(window)} while in tolerance.");
        }

        var dwell = times[last] - stableFrom;
        var stabilisedAt = TimeSpan.FromSeconds(stableFrom - start);
        if (worstAfter > limit)
        {
            return Result(inTolerance, stabilisedAt, dwell, worstAfter, overshoot, Verdict.Fail,
                $"The DUT drifted at {worstAfter * 3600:0.##} K/h after stabilising; a plateau counts only if stable throughout.");
        }

        return dwell >= criteria.RequiredDwell.TotalSeconds
            ? Result(inTolerance, stabilisedAt, dwell, worstAfter, overshoot, Verdict.Pass, null)
            : Result(inTolerance, stabilisedAt, dwell, worstAfter, overshoot, Verdict.Fail,
                $"Stable for {Minutes(dwell)}; the dwell required is {Minutes(criteria.RequiredDwell.TotalSeconds)}.");
    }

    private static int LowerBound(double[] sorted, double value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
        {
            return ~index;
        }

        while (index > 0 && sorted[index - 1] == value)
        {
            index--;
        }

        return index;
    }

    private static string Minutes(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.#} min");
}
