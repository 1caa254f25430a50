using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;

namespace LlmPython.Tasks;

/// <summary>Prints the resolved dependency graph (the PythonTree target).</summary>
public sealed class PythonTree : RestoreTaskBase
{
    protected override bool ExecuteCore()
    {
        var engine = new RestoreEngine(new MSBuildRestoreLog(Log, ProjectFile, Locate));
        Log.LogMessage(MessageImportance.High, "{0}", engine.DescribeTree(BuildRequest(lockOnly: true), CancellationToken));
        return true;
    }
}
