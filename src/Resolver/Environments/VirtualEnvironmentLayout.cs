using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>
/// The paths of a standard virtual environment: <c>bin/</c> + <c>lib/pythonX.Y/site-packages</c> on POSIX,
/// <c>Scripts\</c> + <c>Lib\site-packages</c> on Windows.
/// </summary>
public sealed record VirtualEnvironmentLayout(string Root, string MajorMinor, bool IsWindows)
{
    public static VirtualEnvironmentLayout For(string root, BaseInterpreter baseInterpreter)
        => new(Path.GetFullPath(root), baseInterpreter.MajorMinor, baseInterpreter.IsWindows);

    public string ConfigFile => Path.Combine(Root, "pyvenv.cfg");
    public string BinDir => Path.Combine(Root, IsWindows ? "Scripts" : "bin");
    /// <summary>The environment's interpreter: what PythonEnvironmentPython points at.</summary>
    public string Python => Path.Combine(BinDir, IsWindows ? "python.exe" : "python");
    public string LibDir => IsWindows ? Path.Combine(Root, "Lib") : Path.Combine(Root, "lib", "python" + MajorMinor);
    public string SitePackages => Path.Combine(LibDir, "site-packages");
    public string IncludeDir => Path.Combine(Root, IsWindows ? "Include" : "include");
    /// <summary>Headers of installed distributions (pip's venv scheme: include/site/pythonX.Y/&lt;name&gt;).</summary>
    public string HeadersRoot => Path.Combine(IncludeDir, "site", "python" + MajorMinor);

    /// <summary>
    /// The install scheme of this environment. <paramref name="finalRoot"/> is where the environment will live
    /// once in place (when this layout is a staging copy): launchers and shebangs name its interpreter.
    /// </summary>
    public InstallScheme Scheme(string? finalRoot = null)
    {
        var final = finalRoot is null ? this : this with { Root = Path.GetFullPath(finalRoot) };
        return new InstallScheme(Root, SitePackages, SitePackages, HeadersRoot, BinDir, Root, final.Python, IsWindows)
        {
            ToolInterpreter = Python,
        };
    }
}
