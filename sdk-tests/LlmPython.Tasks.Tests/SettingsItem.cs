using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LlmPython.Tasks.Tests;

/// <summary>A <c>_PythonRestoreSettings</c> item as the targets build it: Include = the project, one metadata per setting.</summary>
internal static class SettingsItem
{
    public static ITaskItem For(string projectPath, params (string Property, string Value)[] settings)
    {
        var item = new TaskItem(projectPath);
        item.SetMetadata("PythonLockFile", "python.lock.json");
        item.SetMetadata("PythonEnvironmentDirectory", "obj/python/venv/");
        foreach (var (property, value) in settings)
            item.SetMetadata(property, value);
        return item;
    }
}
