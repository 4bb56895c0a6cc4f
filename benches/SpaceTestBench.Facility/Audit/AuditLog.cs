using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using SpaceTestBench.Facility.Store;

namespace SpaceTestBench.Facility.Audit;

/// <summary>
/// The append-only, hash-chained audit trail: each row's hash covers the previous row's hash and its own
/// fields, so changing, removing or reordering a row breaks every hash after it (21 CFR 11.10(e)).
/// The table refuses UPDATE, DELETE and TRUNCATE by trigger; <see cref="VerifyAsync"/> catches what a
/// superuser could still do around that.
/// </summary>
public static class AuditLog
{
    /// <summary>The chain of changes that belong to no tenant.</summary>
    public const string FacilityChain = "facility";

    private static readonly byte[] Genesis = new byte[32];

    /// <summary>Appends <paramref name="entry"/> in the caller's transaction (so the change and its record commit together).</summary>
    public static async Task<AuditRow> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var chain = entry.Tenant?.ToString() ?? FacilityChain;
        // One writer per chain at a time; held until the caller's transaction ends.
        await Sql.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('audit:' || @chain))", cancellationToken, ("chain", chain));
        var last = await Sql.ListAsync(connection, transaction, "SELECT seq, hash FROM audit WHERE chain = @chain ORDER BY seq DESC LIMIT 1",
            r => (Seq: r.GetInt64(0), Hash: r.GetFieldValue<byte[]>(1)), cancellationToken, ("chain", chain));
        var sequence = last.Count == 0 ? 1 : last[0].Seq + 1;
        var previous = last.Count == 0 ? Genesis : last[0].Hash;
        // PostgreSQL keeps microseconds: hash the instant as it will be read back.
        var stamp = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
        var hash = Hash(chain, sequence, stamp, entry, previous);
        await Sql.ExecuteAsync(connection, transaction, """
            INSERT INTO audit (chain, seq, tenant_id, at, actor, action, object, detail, prev_hash, hash)
            VALUES (@chain, @seq, @tenant, @at, @actor, @action, @object, @detail, @prev, @hash)
            """, cancellationToken,
            ("chain", chain), ("seq", sequence), ("tenant", entry.Tenant), ("at", stamp), ("actor", entry.Actor), ("action", entry.Action),
            ("object", entry.Target), ("detail", entry.Detail), ("prev", previous), ("hash", hash));
        return new AuditRow(chain, sequence, stamp, entry, previous, hash);
    }

    /// <summary>Reads the rows the connection's role may see, chain by chain, in order.</summary>
    public static Task<List<AuditRow>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Sql.ListAsync(connection, transaction, "SELECT chain, seq, tenant_id, at, actor, action, object, detail, prev_hash, hash FROM audit ORDER BY chain, seq",
            r => new AuditRow(r.GetString(0), r.GetInt64(1), r.GetFieldValue<DateTimeOffset>(3),
                new AuditEntry(r.Nullable<Guid>(2), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7)),
                r.GetFieldValue<byte[]>(8), r.GetFieldValue<byte[]>(9)), cancellationToken);

    /// <summary>Checks every chain the operator role sees: numbering without gaps, links, and each row's hash.</summary>
    public static Task<AuditVerification> VerifyAsync(FacilityDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.AsOperatorAsync(async (c, t) => Verify(await ReadAsync(c, t, cancellationToken)), cancellationToken);
    }

    /// <summary>Checks rows read by <see cref="ReadAsync"/>.</summary>
    public static AuditVerification Verify(IReadOnlyList<AuditRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var breaks = new List<AuditBreak>();
        var chains = 0;
        foreach (var chain in rows.GroupBy(r => r.Chain))
        {
            chains++;
            var expectedPrevious = Genesis;
            long expectedSequence = 1;
            foreach (var row in chain)
            {
                var problem =
                    row.Sequence != expectedSequence ? $"row {expectedSequence} is missing (found {row.Sequence})"
                    : row.Chain != (row.Entry.Tenant?.ToString() ?? FacilityChain) ? "the row's tenant does not match its chain"
                    : !row.PreviousHash.AsSpan().SequenceEqual(expectedPrevious) ? "its previous-hash does not match the row before it"
                    : !row.Hash.AsSpan().SequenceEqual(Hash(row.Chain, row.Sequence, row.At, row.Entry, row.PreviousHash)) ? "its contents do not match its hash: the row was changed"
                    : null;
                if (problem is not null)
                {
                    breaks.Add(new AuditBreak(row.Chain, row.Sequence, problem));
                    break;
                }

                expectedPrevious = row.Hash;
                expectedSequence++;
            }
        }

        return new AuditVerification(rows.Count, chains, breaks);
    }

    private static byte[] Hash(string chain, long sequence, DateTimeOffset at, AuditEntry entry, byte[] previous)
    {
        // Length-prefixed fields: no field's text can pass for a boundary between two others.
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            chain, sequence.ToString(CultureInfo.InvariantCulture), entry.Tenant?.ToString() ?? "",
            at.UtcTicks.ToString(CultureInfo.InvariantCulture), entry.Actor, entry.Action, entry.Target, entry.Detail,
        })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
        }

        var body = Encoding.UTF8.GetBytes(text.ToString());
        return SHA256.HashData([.. previous, .. body]);
    }
}
