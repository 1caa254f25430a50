namespace LlmPython.Resolver.Installation;

/// <summary>
/// Wrappers that setuptools (on Windows, or old versions) put in a wheel's <c>.data/scripts/</c> for the wheel's
/// own console and GUI entry points: <c>name</c>, <c>name-script.py</c>, <c>name-script.pyw</c>, <c>name.exe</c>,
/// <c>name.exe.manifest</c> and <c>name.pya</c>. The installer skips them and writes its own launcher, as pip does
/// (pip skips the name, <c>-script.py</c>, <c>.exe</c> and <c>.pya</c>; the <c>-script.pyw</c> and <c>.exe.manifest</c>
/// companions are skipped here too, since without their <c>.exe</c> they run nothing).
/// </summary>
public static class EntryPointWrappers
{
    /// <summary>Suffixes (case-insensitive, as pip compares them) that turn an entry point name into a wrapper file name.</summary>
    private static readonly string[] Suffixes = [".exe.manifest", "-script.pyw", "-script.py", ".exe", ".pya"];

    /// <summary>
    /// True when the file <paramref name="fileName"/> (the last segment of a <c>.data/scripts/</c> path) is a wrapper of
    /// one of <paramref name="entryPoints"/>; names compare exactly, as entry point names are case-sensitive.
    /// </summary>
    public static bool IsWrapper(string fileName, IReadOnlyList<ScriptEntryPoint> entryPoints)
    {
        if (entryPoints.Count == 0)
            return false;
        if (entryPoints.Any(e => e.Name == fileName))
            return true;
        foreach (var suffix in Suffixes)
            if (fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                var stem = fileName[..^suffix.Length];
                return entryPoints.Any(e => e.Name == stem);
            }
        return false;
    }
}
