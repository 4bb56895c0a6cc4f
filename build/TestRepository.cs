namespace SpaceTestBench.Testing;

/// <summary>Finds files of the repository from a test's output folder (compiled into every test project).</summary>
internal static class TestRepository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SpaceTestBench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SpaceTestBench.sln above {AppContext.BaseDirectory}.");
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path inside the repository, from '/'-separated parts.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>A fresh, empty scratch folder for one test.</summary>
    public static string ScratchFolder(string name)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spacetestbench-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
