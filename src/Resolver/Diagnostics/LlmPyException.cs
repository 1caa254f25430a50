namespace LlmPython.Resolver.Diagnostics;

/// <summary>
/// A failure the user can act on. <see cref="Code"/> is the public LLMPY#### code; the message
/// names the package and the cause and says what to do.
/// </summary>
public class LlmPyException : Exception
{
    public LlmPyException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>LLMPY followed by four digits.</summary>
    public string Code { get; }

    /// <summary>The package the failure is about, when there is one.</summary>
    public string? PackageName { get; init; }

    /// <summary>The file the failure is in when it is not the project (a requirements file, a pyproject.toml).</summary>
    public string? SourceFile { get; init; }

    /// <summary>1-based line in <see cref="SourceFile"/>, or 0 when unknown.</summary>
    public int SourceLine { get; init; }

    /// <summary>
    /// This failure about <paramref name="packageName"/> (so the build points at its item), for a layer that knows the
    /// package when the one that threw did not; a failure that already names a package or file is returned as it is.
    /// </summary>
    public LlmPyException About(string? packageName) =>
        PackageName is not null || SourceFile is not null || packageName is null
            ? this
            : new LlmPyException(Code, Message, this) { PackageName = packageName };

    public override string ToString() => $"{Code}: {Message}";
}
