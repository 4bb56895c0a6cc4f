namespace SpaceTestBench.Results.Provenance;

/// <summary>The device under test as the run knew it.</summary>
/// <param name="Id">The DUT profile's id.</param>
/// <param name="Name">Display name.</param>
/// <param name="SerialNumber">Serial number of the sample on the bench.</param>
/// <param name="File">Path of the DUT profile.</param>
/// <param name="Description">What the part is and where its numbers come from.</param>
/// <param name="Characteristics">The profile's characteristics and limits, as people read them ("core: supply current" = "150 mA ≤ x ≤ 450 mA").</param>
/// <param name="ProfileText">The profile file's text as it was when the run started.</param>
public sealed record DutInfo(
    string Id,
    string Name,
    string? SerialNumber,
    string File,
    string? Description,
    IReadOnlyList<KeyValuePair<string, string>> Characteristics,
    string? ProfileText)
{
    /// <summary>The test article's identity (part number, lot, date code, package, lid, control samples), if the profile gives it.</summary>
    public TestArticleInfo? TestArticle { get; init; }

    /// <summary>SHA-256 of the DUT profile as the run read it, lower-case hex; null in older stores.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Path of the profile's copy in the run folder, relative to it.</summary>
    public string? Copy { get; init; }
}
