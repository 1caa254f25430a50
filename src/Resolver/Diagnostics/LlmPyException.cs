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

    public override string ToString() => $"{Code}: {Message}";
}
