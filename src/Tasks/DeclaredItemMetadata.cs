using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;

namespace LlmPython.Tasks;

/// <summary>The custom metadata names of every Python item a task got, for the engine's unknown-metadata check (LLMPY0042).</summary>
internal static class DeclaredItemMetadata
{
    public static IReadOnlyList<DeclaredMetadata> Of(RestoreTaskBase task) =>
    [
        .. Of("PythonPackage", task.PythonPackages),
        .. Of("PythonIndex", task.PythonIndexes),
        .. Of("PythonFindLinks", task.PythonFindLinks),
        .. Of("PythonConstraint", task.PythonConstraints),
        .. Of("PythonRequirementsFile", task.PythonRequirementsFiles),
        .. Of("PythonProject", task.PythonProjects),
    ];

    private static IEnumerable<DeclaredMetadata> Of(string itemType, ITaskItem[] items) =>
        items.Select(item => new DeclaredMetadata(itemType, item.ItemSpec, RestoreTaskBase.DefiningProject(item), CustomNames(item)));

    // CloneCustomMetadata leaves out MSBuild's well-known metadata (FullPath, DefiningProjectFullPath, …).
    private static IReadOnlyList<string> CustomNames(ITaskItem item) =>
        item.CloneCustomMetadata().Keys.Cast<object>().Select(k => (string)k).Order(StringComparer.OrdinalIgnoreCase).ToList();
}
