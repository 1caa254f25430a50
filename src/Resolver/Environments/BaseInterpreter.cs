namespace LlmPython.Resolver.Environments;

/// <summary>
/// The interpreter a virtual environment is made from (filled by interpreter discovery).
/// </summary>
/// <param name="Executable">Absolute path of the base python executable.</param>
/// <param name="Home">Folder holding <paramref name="Executable"/> (pyvenv.cfg <c>home</c>).</param>
/// <param name="Version">Full version, e.g. "3.11.7".</param>
/// <param name="Implementation">sys.implementation.name, e.g. "cpython".</param>
public sealed record BaseInterpreter(string Executable, string Home, string Version, string Implementation = "cpython", bool IsWindows = false)
{
    /// <summary>From an executable path alone: home is its folder, the platform is this machine's.</summary>
    public static BaseInterpreter FromExecutable(string executable, string version, string implementation = "cpython")
        => new(Path.GetFullPath(executable), Path.GetDirectoryName(Path.GetFullPath(executable))!, version, implementation, OperatingSystem.IsWindows());

    /// <summary>
    /// True for a target that is described, not present (<c>dotnet publish -r win-x64</c> on Linux): the environment
    /// gets the target's layout and site-packages but no interpreter entries, since nothing runs it here.
    /// </summary>
    public bool IsDescribed { get; init; }

    /// <summary>A described target's interpreter: only its version and platform are known.</summary>
    public static BaseInterpreter Described(string version, bool isWindows, string implementation = "cpython")
        => new("", "", version, implementation, isWindows) { IsDescribed = true };

    /// <summary>"3.11" of "3.11.7".</summary>
    public string MajorMinor
    {
        get
        {
            var parts = Version.Split('.');
            if (parts.Length < 2 || !int.TryParse(parts[0], out _) || !int.TryParse(parts[1], out _))
                throw new FormatException($"'{Version}' is not a Python version like 3.11.7");
            return parts[0] + "." + parts[1];
        }
    }
}
