using SpaceTestBench.Facility.Tenancy;

namespace SpaceTestBench.Facility.Hosting;

/// <summary>The facility's own tenant: its staff belong to it, and its health checks run under it.</summary>
/// <param name="Id">Its id.</param>
public sealed record FacilityTenant(Guid Id)
{
    /// <summary>Its name.</summary>
    public const string Name = "facility";

    /// <summary>Finds the facility's tenant, creating it on first start.</summary>
    public static async Task<FacilityTenant> EnsureAsync(TenantDirectory tenants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var id = await tenants.FindTenantAsync(Name, cancellationToken) ?? await tenants.CreateTenantAsync(Name, 1, "control-node", cancellationToken);
        return new FacilityTenant(id);
    }
}
