namespace SpaceTestBench.Instruments.Roles;

/// <summary>The DUT as its agent names it.</summary>
/// <param name="PartId">Part (profile) id.</param>
/// <param name="Name">Part name.</param>
/// <param name="SerialNumber">The sample's serial number.</param>
public sealed record DutIdentity(string PartId, string Name, string SerialNumber);
