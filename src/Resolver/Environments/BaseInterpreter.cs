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
