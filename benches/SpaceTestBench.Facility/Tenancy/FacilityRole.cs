namespace SpaceTestBench.Facility.Tenancy;

/// <summary>What a user may do at the facility.</summary>
public enum FacilityRole
{
    /// <summary>A vendor's engineer: reserves stations, submits and watches their tenant's campaigns.</summary>
    VendorEngineer,

    /// <summary>Runs the facility: stations, draining, health checks.</summary>
    FacilityOperator,

    /// <summary>Keeps instruments calibrated: records calibrations, takes instruments out of service.</summary>
    Metrologist,

    /// <summary>Reviews and approves reports.</summary>
    QaReviewer,

    /// <summary>Everything, including tenants, users and tokens.</summary>
    Admin,
}

/// <summary>The role names the database and the API use.</summary>
public static class FacilityRoles
{
    private static readonly Dictionary<FacilityRole, string> Names = new()
    {
        [FacilityRole.VendorEngineer] = "vendor-engineer",
        [FacilityRole.FacilityOperator] = "facility-operator",
        [FacilityRole.Metrologist] = "metrologist",
        [FacilityRole.QaReviewer] = "qa-reviewer",
        [FacilityRole.Admin] = "admin",
    };

    /// <summary>The wire name ("vendor-engineer", …).</summary>
    public static string Name(this FacilityRole role) => Names[role];

    /// <summary>Parses a wire name; throws naming the accepted ones.</summary>
    public static FacilityRole Parse(string name) =>
        Names.FirstOrDefault(p => p.Value == name).Value is not null
            ? Names.First(p => p.Value == name).Key
            : throw new ArgumentException($"Unknown role '{name}'; use one of: {string.Join(", ", Names.Values)}.", nameof(name));
}

/// <summary>An authenticated user, as every request carries them.</summary>
/// <param name="UserId">The user.</param>
/// <param name="UserName">Their name.</param>
/// <param name="Tenant">Their tenant.</param>
/// <param name="Role">Their role.</param>
public sealed record Caller(Guid UserId, string UserName, Guid Tenant, FacilityRole Role)
{
    /// <summary>True for the facility's own staff (every role but vendor engineer).</summary>
    public bool IsStaff => Role != FacilityRole.VendorEngineer;

    /// <summary>True when the caller may act as <paramref name="role"/> (admins may act as anyone).</summary>
    public bool Can(FacilityRole role) => Role == role || Role == FacilityRole.Admin;
}
