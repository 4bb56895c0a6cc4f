namespace SpaceTestBench.Reports.Tests.Support;

internal static class TestFolders
{
    public static string New()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stb-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
