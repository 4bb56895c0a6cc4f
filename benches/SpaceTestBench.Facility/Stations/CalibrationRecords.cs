using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Store;

namespace SpaceTestBench.Facility.Stations;

/// <summary>A calibration as the metrologist records it.</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="CalibratedOn">When it was calibrated.</param>
/// <param name="Due">When the calibration expires.</param>
/// <param name="Passed">Whether it was found within specification.</param>
/// <param name="Certificate">The certificate's reference.</param>
public sealed record Calibration(string InstrumentId, DateOnly CalibratedOn, DateOnly Due, bool Passed, string Certificate);

/// <summary>
/// Instruments' calibration and service status (ISO/IEC 17025 §6.4). A failed calibration or taking an
/// instrument out of service removes its station from scheduling at once (the scheduler reads both), and
/// the runs that used it since its last good calibration are listed for review (§6.4.9).
/// </summary>
public sealed class CalibrationRecords(FacilityDatabase database, TimeProvider clock)
{
    /// <summary>Records a calibration; returns the runs to review when it failed (empty when it passed).</summary>
    public Task<List<Guid>> RecordAsync(Calibration calibration, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var known = await Sql.ScalarAsync<long>(c, t, "SELECT count(*) FROM instruments WHERE id = @id", cancellationToken, ("id", calibration.InstrumentId));
            if (known == 0)
            {
                throw new KeyNotFoundException($"No instrument '{calibration.InstrumentId}'.");
            }

            var affected = calibration.Passed ? [] : await RunsSinceLastGoodAsync(c, t, calibration.InstrumentId, cancellationToken);
            await Sql.ExecuteAsync(c, t, """
                INSERT INTO calibration_records (id, instrument_id, calibrated_on, due, passed, certificate, recorded_by, recorded_at)
                VALUES (@id, @instrument, @on, @due, @passed, @certificate, @by, @now)
                """, cancellationToken, ("id", Guid.NewGuid()), ("instrument", calibration.InstrumentId), ("on", calibration.CalibratedOn), ("due", calibration.Due),
                ("passed", calibration.Passed), ("certificate", calibration.Certificate), ("by", actor), ("now", now));
            await Sql.ExecuteAsync(c, t, calibration.Passed
                ? "UPDATE instruments SET calibration_due = @due, status = 'in-service' WHERE id = @id"
                : "UPDATE instruments SET status = 'out-of-service' WHERE id = @id", cancellationToken, ("id", calibration.InstrumentId), ("due", calibration.Due));
            await AuditLog.AppendAsync(c, t, new AuditEntry(null, actor, "calibration.record", $"instrument:{calibration.InstrumentId}",
                $"{(calibration.Passed ? "passed" : "FAILED")} on {calibration.CalibratedOn:yyyy-MM-dd}, due {calibration.Due:yyyy-MM-dd}, certificate {calibration.Certificate}; {affected.Count} run(s) to review"), now, cancellationToken);
            return affected;
        }, cancellationToken);
    }

    /// <summary>Takes an instrument out of service; returns the runs that used it since its last good calibration.</summary>
    public Task<List<Guid>> TakeOutOfServiceAsync(string instrumentId, string reason, string actor, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            if (await Sql.ExecuteAsync(c, t, "UPDATE instruments SET status = 'out-of-service' WHERE id = @id", cancellationToken, ("id", instrumentId)) == 0)
            {
                throw new KeyNotFoundException($"No instrument '{instrumentId}'.");
            }

            var affected = await RunsSinceLastGoodAsync(c, t, instrumentId, cancellationToken);
            await AuditLog.AppendAsync(c, t, new AuditEntry(null, actor, "instrument.out-of-service", $"instrument:{instrumentId}", $"{reason}; {affected.Count} run(s) to review"), now, cancellationToken);
            return affected;
        }, cancellationToken);

    private static Task<List<Guid>> RunsSinceLastGoodAsync(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction t, string instrumentId, CancellationToken cancellationToken) =>
        Sql.ListAsync(c, t, """
            SELECT r.id FROM runs r
            WHERE @id = ANY(r.instruments)
              AND r.started_at >= COALESCE((SELECT max(calibrated_on) FROM calibration_records WHERE instrument_id = @id AND passed), '-infinity'::date)
            ORDER BY r.started_at
            """, r => r.GetGuid(0), cancellationToken, ("id", instrumentId));
}
