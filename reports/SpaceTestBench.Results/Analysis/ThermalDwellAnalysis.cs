using System.Globalization;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Thermal stability and dwell verification. The setpoint trace is cut into plateaus; on each, the DUT
/// (load) temperature must come within tolerance and stay there (JESD22-A104: the load, not the air,
/// must reach the extremes), and its rate of change — the least-squares slope over a trailing window, with
/// its standard error from the scatter about the line (never less than the sensor's quantisation allows,
/// q²/12) — must fall below the limit, resolved to within half of it at 95 % (the plateau is stable from the
/// end of the first such window). It must then stay stable for the required dwell: a later window whose
/// rate exceeds the limit by more than its own 95 % half-width fails the plateau, so noise and a 0.1 K
/// sensor step cannot. A window too short to resolve the rate makes the plateau Inconclusive, with the
/// window that would. One dwell per plateau: from stabilisation to the plateau's end (or to the loss of
/// stability). Runs in one pass over the DUT trace with running sums, so a million samples are cheap.
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
        var resolution = Resolution(dutKelvin);
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.975);
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
            plateaus.Add(Judge(value, previous, spSeconds[start], plateauEnd, times, dutKelvin, resolution, criteria, z));
            previous = value;
            start = next;
        }

        return new ThermalDwellResult(criteria, plateaus);
    }

    private static ThermalPlateau Judge(double setpoint, double? previous, double start, double end, double[] times, double[] kelvin, double resolution, ThermalCriteria criteria, double z)
    {
        var judged = end - start >= criteria.RequiredDwell.TotalSeconds;
        var first = LowerBound(times, start);
        var last = LowerBound(times, end) - 1;
        var limit = criteria.MaximumRateKelvinPerSecond;
        var window = criteria.RateWindow.TotalSeconds;
        (double Rate, double HalfWidth)? final = null;
        var bestHalfWidth = double.PositiveInfinity;
        var worstHalfWidth = double.NaN;
        ThermalPlateau Result(TimeSpan? inTolerance, TimeSpan? stabilised, double dwell, double rate, double overshoot, Verdict verdict, string? reason) =>
            new(setpoint, TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), inTolerance, stabilised, TimeSpan.FromSeconds(dwell),
                rate * 3600, overshoot, judged, judged ? verdict : Verdict.NotSet,
                judged ? reason : $"Shorter than the required dwell of {Minutes(criteria.RequiredDwell.TotalSeconds)}: a transition, not judged.")
            {
                FinalRate = final is { } f ? f.Rate * 3600 : null,
                MaximumRateHalfWidth = double.IsFinite(worstHalfWidth) ? worstHalfWidth * 3600 : null,
                FinalRateHalfWidth = final is { } g ? g.HalfWidth * 3600 : null,
                RateResolution = double.IsFinite(bestHalfWidth) ? bestHalfWidth * 3600 : null,
                SensorResolution = resolution,
            };

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
        double? stabilised = null;
        var worstAfter = 0.0;
        (double Rate, double HalfWidth, double At)? shownUnstable = null;

        // Running sums of (t − start) and (T − setpoint) over the trailing window [t_k − W, t_k]: least-squares slope and
        // its standard error from the residual scatter, floored at the sensor's quantisation (variance q²/12), so that
        // neither noise nor a 0.1 K step can fake a rate.
        double n = 0, st = 0, sy = 0, stt = 0, sty = 0, syy = 0;
        var tail = from;
        var floor = resolution * resolution / 12;
        for (var k = from; k <= last; k++)
        {
            double t = times[k] - start, y = kelvin[k] - setpoint;
            (n, st, sy, stt, sty, syy) = (n + 1, st + t, sy + y, stt + (t * t), sty + (t * y), syy + (y * y));
            while (times[tail] < times[k] - window)
            {
                double tt = times[tail] - start, yy = kelvin[tail] - setpoint;
                (n, st, sy, stt, sty, syy) = (n - 1, st - tt, sy - yy, stt - (tt * tt), sty - (tt * yy), syy - (yy * yy));
                tail++;
            }

            if (times[k] - times[from] < window || n < 3)
            {
                continue;
            }

            var sxx = stt - (st * st / n);
            if (!(sxx > 0))
            {
                continue;
            }

            var sxy = sty - (st * sy / n);
            var slope = sxy / sxx;
            var rss = Math.Max(0, syy - (sy * sy / n) - (slope * sxy));
            var variance = Math.Max(rss / (n - 2), floor);
            var halfWidth = z * Math.Sqrt(variance / sxx);
            var rate = Math.Abs(slope);
            bestHalfWidth = Math.Min(bestHalfWidth, halfWidth);
            final = (slope, halfWidth);
            if (stabilised is null)
            {
                // Stable from the first window whose rate is under the limit and resolved to within half of it.
                if (rate <= limit && halfWidth <= limit / 2)
                {
                    stabilised = times[k];
                }
            }
            else
            {
                if (rate > worstAfter)
                {
                    (worstAfter, worstHalfWidth) = (rate, halfWidth);
                }

                if (rate - halfWidth > limit && shownUnstable is null)
                {
                    shownUnstable = (rate, halfWidth, times[k]);
                }
            }
        }

        var inTolerance = TimeSpan.FromSeconds(times[from] - start);
        if (stabilised is not { } stableFrom)
        {
            if (!double.IsFinite(bestHalfWidth) || bestHalfWidth > limit / 2)
            {
                var needed = double.IsFinite(bestHalfWidth) ? window * Math.Pow(bestHalfWidth / (limit / 2), 2.0 / 3) : double.NaN;
                return Result(inTolerance, null, 0, double.NaN, overshoot, Verdict.Inconclusive, double.IsFinite(bestHalfWidth)
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"The {Minutes(window)} window cannot resolve the rate: ±{bestHalfWidth * 3600:0.##} K/h ({z:0.##}σ, sensor resolution {resolution:0.###} K) against a limit of {limit * 3600:0.##} K/h; a window of about {Minutes(needed)} would.")
                    : $"The DUT was in tolerance for less than one {Minutes(window)} rate window: the rate could not be estimated.");
            }

            return Result(inTolerance, null, 0, double.NaN, overshoot, Verdict.Fail,
                $"The DUT never changed less than {limit * 3600:0.##} K/h over {Minutes(window)} while in tolerance.");
        }

        var dwell = times[last] - stableFrom;
        var stabilisedAt = TimeSpan.FromSeconds(stableFrom - start);
        if (shownUnstable is { } unstable)
        {
            return Result(inTolerance, stabilisedAt, unstable.At - stableFrom, worstAfter, overshoot, Verdict.Fail, string.Create(CultureInfo.InvariantCulture,
                $"The DUT drifted at {unstable.Rate * 3600:0.##} ± {unstable.HalfWidth * 3600:0.##} K/h {Minutes(unstable.At - stableFrom)} after stabilising; a plateau counts only if stable throughout its dwell."));
        }

        return dwell >= criteria.RequiredDwell.TotalSeconds
            ? Result(inTolerance, stabilisedAt, dwell, worstAfter, overshoot, Verdict.Pass, null)
            : Result(inTolerance, stabilisedAt, dwell, worstAfter, overshoot, Verdict.Fail,
                $"Stable for {Minutes(dwell)}; the dwell required is {Minutes(criteria.RequiredDwell.TotalSeconds)}.");
    }

    /// <summary>The sensor's resolution: the smallest step between distinct readings (0 for readings that are not quantised).</summary>
    private static double Resolution(double[] kelvin)
    {
        if (kelvin.Length < 2)
        {
            return 0;
        }

        var sorted = (double[])kelvin.Clone();
        Array.Sort(sorted);
        var smallest = double.PositiveInfinity;
        var distinct = 0;
        for (var i = 1; i < sorted.Length; i++)
        {
            var step = sorted[i] - sorted[i - 1];
            if (step > 1e-9)
            {
                smallest = Math.Min(smallest, step);
                distinct++;
            }
        }

        // Only a trace with many repeated readings is quantised: continuous readings are nearly all distinct.
        return double.IsFinite(smallest) && distinct < sorted.Length / 2 ? smallest : 0;
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
