using System.Security.Cryptography;
using System.Text;
using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Store;

namespace SpaceTestBench.Facility.Tenancy;

/// <summary>Tenants, their users and API tokens; bearer-token authentication (only tokens' SHA-256 is stored).</summary>
public sealed class TenantDirectory(FacilityDatabase database, TimeProvider clock)
{
    private const string TokenPrefix = "stb_";

    /// <summary>Creates a tenant; returns its id.</summary>
    public Task<Guid> CreateTenantAsync(string name, int share, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var id = Guid.NewGuid();
        return database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            await Sql.ExecuteAsync(c, t, "INSERT INTO tenants (id, name, share, created_at) VALUES (@id, @name, @share, @now)", cancellationToken,
                ("id", id), ("name", name), ("share", share), ("now", now));
            await AuditLog.AppendAsync(c, t, new AuditEntry(id, actor, "tenant.create", $"tenant:{id}", $"tenant '{name}', fair share {share}"), now, cancellationToken);
            return id;
        }, cancellationToken);
    }

    /// <summary>Finds a tenant by name.</summary>
    public Task<Guid?> FindTenantAsync(string name, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
            (await Sql.ListAsync(c, t, "SELECT id FROM tenants WHERE name = @name", r => (Guid?)r.GetGuid(0), cancellationToken, ("name", name))).FirstOrDefault(),
            cancellationToken);

    /// <summary>Creates a user of <paramref name="tenant"/>; returns their id.</summary>
    public Task<Guid> CreateUserAsync(Guid tenant, string name, FacilityRole role, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var id = Guid.NewGuid();
        return database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            await Sql.ExecuteAsync(c, t, "INSERT INTO users (id, tenant_id, name, role, created_at) VALUES (@id, @tenant, @name, @role, @now)", cancellationToken,
                ("id", id), ("tenant", tenant), ("name", name), ("role", role.Name()), ("now", now));
            await AuditLog.AppendAsync(c, t, new AuditEntry(tenant, actor, "user.create", $"user:{name}", $"role {role.Name()}"), now, cancellationToken);
            return id;
        }, cancellationToken);
    }

    /// <summary>Issues a new bearer token for <paramref name="userId"/>; the token itself is returned once and never stored.</summary>
    public Task<string> IssueTokenAsync(Guid userId, TimeSpan? lifetime, string actor, CancellationToken cancellationToken)
    {
        var token = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        return database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var tenant = await Sql.ScalarAsync<Guid>(c, t, "SELECT tenant_id FROM users WHERE id = @id", cancellationToken, ("id", userId));
            await Sql.ExecuteAsync(c, t, """
                INSERT INTO api_tokens (id, tenant_id, user_id, token_sha256, created_at, expires_at)
                VALUES (@id, @tenant, @user, @hash, @now, @expires)
                """, cancellationToken,
                ("id", Guid.NewGuid()), ("tenant", tenant), ("user", userId), ("hash", Digest(token)), ("now", now), ("expires", lifetime is null ? null : now + lifetime.Value));
            await AuditLog.AppendAsync(c, t, new AuditEntry(tenant, actor, "token.issue", $"user:{userId}", lifetime is null ? "no expiry" : $"expires after {lifetime}"), now, cancellationToken);
            return token;
        }, cancellationToken);
    }

    /// <summary>The caller a bearer token stands for, or null when it is unknown, revoked or expired.</summary>
    public async Task<Caller?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var found = await database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, """
            SELECT u.id, u.name, u.tenant_id, u.role FROM api_tokens k JOIN users u ON u.id = k.user_id
            WHERE k.token_sha256 = @hash AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > @now)
            """, r => new Caller(r.GetGuid(0), r.GetString(1), r.GetGuid(2), FacilityRoles.Parse(r.GetString(3))), cancellationToken,
            ("hash", Digest(token)), ("now", now)), cancellationToken);
        return found.FirstOrDefault();
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
