namespace LibraryAndApp.Library;

/// <summary>
/// The Python code this library contributes. It needs hello-llm, which the library declares as a
/// PythonPackage: any app that references the library gets hello-llm in its own environment and runs
/// this code with its own interpreter (LlmPython.PythonEnvironment is generated per project).
/// </summary>
public static class Greeter
{
    /// <summary>Arguments for <c>python</c>: greet <paramref name="prompt"/> with hello-llm.</summary>
    public static string[] PythonArguments(string prompt) =>
        ["-c", "import sys, hello_llm; print(hello_llm.greet(sys.argv[1]))", prompt];
}
