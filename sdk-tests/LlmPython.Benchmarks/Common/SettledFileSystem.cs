namespace LlmPython.Benchmarks.Common;

/// <summary>
/// Flushes the file system (<c>sync</c>) before a timed command. Deleting a venv or an obj/ folder of thousands of files
/// leaves the kernel writing back and discarding blocks for seconds afterwards (the root file system here is mounted
/// with <c>discard</c>); without a flush that work lands on whichever command is timed next — a Python build after its
/// own clean, but not the plain build after a small one — and each row would carry some of the previous row's cost.
/// </summary>
internal static class SettledFileSystem
{
    public static void Settle()
    {
        if (File.Exists("/bin/sync") || File.Exists("/usr/bin/sync"))
            Exec.Run("sync", [], timeout: TimeSpan.FromMinutes(2));
    }
}
