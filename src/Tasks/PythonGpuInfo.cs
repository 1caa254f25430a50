using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;

namespace LlmPython.Tasks;

/// <summary>Prints the detected GPU/driver and the accelerator backend that would be chosen, and why.</summary>
public sealed class PythonGpuInfo : RestoreTaskBase
{
    protected override bool ExecuteCore()
    {
        var engine = new RestoreEngine(new MSBuildRestoreLog(Log, ProjectFile, Locate));
        Log.LogMessage(MessageImportance.High, "{0}", engine.DescribeGpu(BuildRequest(lockOnly: true), CancellationToken));
        return true;
    }
}
