namespace LlmPython.Resolver.Installation;

/// <summary>
/// Where each install scheme of a wheel goes (the sysconfig paths of the target environment), and the
/// interpreter launchers and rewritten shebangs must name.
/// </summary>
/// <param name="Root">The environment's prefix; nothing is ever written or removed outside it.</param>
/// <param name="HeadersRoot">Headers go to <c>HeadersRoot/&lt;distribution name&gt;</c>, like pip's venv scheme.</param>
/// <param name="Interpreter">Absolute path of the environment's python as it will be once in place.</param>
/// <param name="IsWindows">Windows launchers (<c>.cmd</c> + script) instead of shebang launchers.</param>
public sealed record InstallScheme(
    string Root,
    string Purelib,
    string Platlib,
    string HeadersRoot,
    string Scripts,
    string Data,
    string Interpreter,
    bool IsWindows = false)
{
    /// <summary>The interpreter to run tools with now (bytecode compilation); defaults to <see cref="Interpreter"/>.</summary>
    public string? ToolInterpreter { get; init; }

    /// <summary>The folder of a scheme name used by <c>.data/&lt;scheme&gt;/</c>, or null for an unknown scheme.</summary>
    public string? FolderOf(string scheme, string distributionName) => scheme switch
    {
        "purelib" => Purelib,
        "platlib" => Platlib,
        "headers" => Path.Combine(HeadersRoot, distributionName),
        "scripts" => Scripts,
        "data" => Data,
        _ => null,
    };

    /// <summary>The scheme names a wheel's .data folder may use.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(["purelib", "platlib", "headers", "scripts", "data"]);
}
