namespace LlmPython.Resolver.Interpreters;

/// <summary>Where discovery looks: PATH, the pyenv root, and whether the py launcher applies (Windows).</summary>
public sealed record InterpreterSearchPaths
{
    /// <summary>The PATH value to search (null or empty = none).</summary>
    public string? Path { get; init; }
    /// <summary>pyenv's root ($PYENV_ROOT, else ~/.pyenv); null = no pyenv.</summary>
    public string? PyenvRoot { get; init; }
    /// <summary>Windows naming (python.exe) and the <c>py -3.X</c> launcher.</summary>
    public bool IsWindows { get; init; }

    /// <summary>This process's environment.</summary>
    public static InterpreterSearchPaths FromEnvironment()
    {
        var pyenv = Environment.GetEnvironmentVariable("PYENV_ROOT");
        if (string.IsNullOrEmpty(pyenv))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            pyenv = string.IsNullOrEmpty(home) ? null : System.IO.Path.Combine(home, ".pyenv");
        }
        return new InterpreterSearchPaths
        {
            Path = Environment.GetEnvironmentVariable("PATH"),
            PyenvRoot = pyenv,
            IsWindows = OperatingSystem.IsWindows(),
        };
    }
}
