using System.Diagnostics;
using LibraryAndApp.Library;
using LlmPython;

// This app's environment has hello-llm only because Library declares it; banner-text is the app's own.
string prompt = args.Length > 0 ? string.Join(' ', args) : "Hello from a library, via Python!";

string greeting = RunPython(Greeter.PythonArguments(prompt));
Console.Write(RunPython("-c", "import sys, banner_text; print(banner_text.frame(sys.argv[1]))", greeting.Trim()));

// What reached this environment: the library's public packages yes, its private sample-lint no.
Console.Write(RunPython("-c",
    "import importlib.util as u; print('sample-lint installed:', u.find_spec('sample_lint') is not None)"));
return 0;

static string RunPython(params string[] arguments)
{
    var startInfo = PythonEnvironment.CreateProcessStartInfo(arguments);
    startInfo.RedirectStandardOutput = true;
    using var python = Process.Start(startInfo)!;
    string output = python.StandardOutput.ReadToEnd();
    python.WaitForExit();
    if (python.ExitCode != 0)
        throw new InvalidOperationException($"python {string.Join(' ', arguments)} exited with {python.ExitCode}");
    return output;
}
