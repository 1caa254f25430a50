namespace LlmPython.Resolver.Interpreters;

/// <summary>LLMPY codes of interpreter discovery (0200–0299).</summary>
public static class InterpreterDiagnosticCodes
{
    /// <summary>No interpreter found on PATH, in pyenv or through the py launcher matches PythonVersion.</summary>
    public const string NoMatchingInterpreter = "LLMPY0200";
    /// <summary>PythonExecutable names a file that does not exist.</summary>
    public const string ExecutableNotFound = "LLMPY0201";
    /// <summary>The interpreter could not be run, or its answer to the probe could not be read.</summary>
    public const string ProbeFailed = "LLMPY0202";
    /// <summary>PythonExecutable's version is not the requested PythonVersion.</summary>
    public const string ExecutableVersionMismatch = "LLMPY0203";
    /// <summary>PythonVersion is not of the form 3.11 or 3.11.7.</summary>
    public const string InvalidPythonVersion = "LLMPY0204";
}
