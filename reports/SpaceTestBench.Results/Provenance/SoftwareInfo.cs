using System.Reflection;

namespace SpaceTestBench.Results.Provenance;

/// <summary>The software that ran: its version, the commit it was built from, and its main components.</summary>
/// <param name="Version">SpaceTestBench's version ("0.1.0").</param>
/// <param name="Commit">The source commit it was built from, if known.</param>
/// <param name="Components">Runtime, operating system and libraries with their versions.</param>
public sealed record SoftwareInfo(string Version, string? Commit, IReadOnlyList<KeyValuePair<string, string>> Components)
{
    /// <summary>
    /// Reads the version and commit from <paramref name="product"/>'s informational version ("0.1.0+&lt;sha&gt;", as the
    /// SDK stamps it when building from git) and lists the runtime, the OS and each of <paramref name="components"/>.
    /// </summary>
    public static SoftwareInfo Describe(Assembly product, IEnumerable<Assembly> components)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(components);
        var (version, commit) = SplitInformationalVersion(InformationalVersion(product));
        var list = new List<KeyValuePair<string, string>>
        {
            new(".NET runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription),
            new("Operating system", System.Runtime.InteropServices.RuntimeInformation.OSDescription),
        };
        foreach (var assembly in components.Distinct().OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
        {
            list.Add(new(assembly.GetName().Name ?? assembly.FullName ?? "?", InformationalVersion(assembly)));
        }

        return new SoftwareInfo(version, commit, list);
    }

    /// <summary>Splits "0.1.0+abc123" into ("0.1.0", "abc123"); a version without '+' has no commit.</summary>
    public static (string Version, string? Commit) SplitInformationalVersion(string informationalVersion)
    {
        ArgumentNullException.ThrowIfNull(informationalVersion);
        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informationalVersion, null) : (informationalVersion[..plus], informationalVersion[(plus + 1)..]);
    }

    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
