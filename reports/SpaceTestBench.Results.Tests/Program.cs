using SpaceTestBench.Results.Tests.Store;

namespace SpaceTestBench.Results.Tests;

/// <summary>Entry point when the test assembly runs as the child process of the kill tests.</summary>
public static class Program
{
    public static int Main(string[] args) => args switch
    {
        [ChildWriter.KeepWriting, var folder] => ChildWriter.WriteUntilKilled(folder),
        [ChildWriter.AppendTailAndWait, var folder] => ChildWriter.WriteTailAndWait(folder),
        [RunFolderLockTests.HoldLock, var folder] => RunFolderLockTests.HoldUntilKilled(folder),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine($"usage: dotnet SpaceTestBench.Results.Tests.dll {ChildWriter.KeepWriting}|{ChildWriter.AppendTailAndWait}|{RunFolderLockTests.HoldLock} RUN-FOLDER");
        return 2;
    }
}
