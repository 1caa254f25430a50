using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// Warns (LLMPY0042) about item metadata that means nothing to LlmPython.Sdk — a typo such as
/// <c>&lt;PythonPackage Include="torch" Versoin="2.4.0" /&gt;</c> would otherwise be ignored in silence — naming
/// the item, the unknown name and the nearest known one. MSBuild's own metadata and the SDK's internal
/// <c>LlmPython*</c> metadata are known everywhere. Names compare case-insensitively, as MSBuild's do.
/// </summary>
public static class ItemMetadataCheck
{
    /// <summary>The metadata each item type reads (DESIGN.md §2).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Known = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["PythonPackage"] = ["Version", "Extras", "Cuda", "Index", "NoDeps", "Markers", "PrivateAssets",
            "AllowSourceBuild", "BuildRequires", "BuildIsolation", "BuildSettings"],
        ["PythonIndex"] = ["Name", "Explicit", "PrivateAssets"],
        ["PythonFindLinks"] = ["PrivateAssets"],
        ["PythonConstraint"] = ["Version", "PrivateAssets"],
        ["PythonRequirementsFile"] = [],
        ["PythonProject"] = ["Extras"],
    };

    // MSBuild's well-known metadata, what the MSBuild task adds to items it returns (items flowed from referenced
    // projects), and what IDEs write into project files.
    private static readonly HashSet<string> MSBuildMetadata = new(StringComparer.OrdinalIgnoreCase)
    {
        "FullPath", "RootDir", "Filename", "Extension", "RelativeDir", "Directory", "RecursiveDir", "Identity",
        "ModifiedTime", "CreatedTime", "AccessedTime", "DefiningProjectFullPath", "DefiningProjectDirectory",
        "DefiningProjectName", "DefiningProjectExtension", "MSBuildSourceProjectFile", "MSBuildSourceTargetName",
        "OriginalItemSpec", "Visible", "Link",
    };

    public static void Warn(IEnumerable<DeclaredMetadata> items, IRestoreLog log)
    {
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (!Known.TryGetValue(item.ItemType, out var known))
                continue;
            foreach (var name in item.Names.Where(n => IsUnknown(n, known)))
            {
                if (!reported.Add(string.Join("|", item.ItemType, item.Include, item.DefiningProject, name)))
                    continue;
                log.Warning(DiagnosticCodes.Inputs.UnknownItemMetadata, Message(item, name, known), item.DefiningProject);
            }
        }
    }

    public static bool IsUnknown(string name, IReadOnlyCollection<string> known) =>
        !known.Contains(name, StringComparer.OrdinalIgnoreCase) && !MSBuildMetadata.Contains(name)
        && !name.StartsWith("LlmPython", StringComparison.OrdinalIgnoreCase);

    /// <summary>The known name closest to <paramref name="name"/> by edit distance, or null when none is close (more than a third differs).</summary>
    public static string? Nearest(string name, IReadOnlyCollection<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: EditDistance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, name.Length / 3) ? best.Name : null;
    }

    private static string Message(DeclaredMetadata item, string name, string[] known)
    {
        var nearest = Nearest(name, known);
        var where = item.DefiningProject is null ? "" : $" in {item.DefiningProject}";
        var hint = nearest is not null ? $"Did you mean {nearest}? Rename it" : "Remove it";
        var list = known.Length > 0 ? $" ({item.ItemType} reads {string.Join(", ", known)})" : $" ({item.ItemType} reads no metadata)";
        return $"{item.ItemType} '{item.Include}' has metadata {name}, which LlmPython.Sdk does not know, so it is ignored{list}. {hint}{where}.";
    }

    /// <summary>Levenshtein distance, with an adjacent swap counting as one edit ("Versoin" is one edit from "Version").</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
