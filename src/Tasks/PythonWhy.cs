using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;

namespace LlmPython.Tasks;

/// <summary>Explains why a package is in the environment (the PythonWhy target, <c>-p:Package=torch</c>).</summary>
public sealed class PythonWhy : RestoreTaskBase
{
    public string? Package { get; set; }

    protected override bool ExecuteCore()
    {
        if (string.IsNullOrWhiteSpace(Package))
            throw new LlmPyException(DiagnosticCodes.Inputs.WhyWithoutPackage,
                "PythonWhy needs the package to explain: run 'dotnet build -t:PythonWhy -p:Package=<name>'.");
        var engine = new RestoreEngine(new MSBuildRestoreLog(Log, ProjectFile, Locate));
        Log.LogMessage(MessageImportance.High, "{0}", engine.ExplainWhy(BuildRequest(lockOnly: true), Package!.Trim(), CancellationToken));
        return true;
    }
}
