using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Tests.Architecture;

/// <summary>
/// The engine's folders form layers that depend one way, lowest first (docs/architecture.md): a type of a folder may use
/// types of its own layer and of lower layers only. Read from the compiled assembly (signatures and IL, see
/// <see cref="TypeReferences"/>), so a reference through <c>var</c> or a fully qualified name counts as much as a <c>using</c>.
/// </summary>
public class LayerOrderTests
{
    /// <summary>Lowest first; folders on one row form one layer (they may use each other).</summary>
    public static readonly string[][] Layers =
    [
        ["Diagnostics"],                                  // LlmPyException: every layer reports through it
        ["Versioning"],                                   // PEP 440
        ["Requirements"],                                 // PEP 503 names, PEP 508 requirements and markers, core metadata
        ["Tags"],                                         // PEP 425/600 tags of a target
        ["Distributions"],                                // wheel and sdist file names
        ["Caching"],                                      // content-addressed cache, entry locks
        ["Http"],                                         // client, freshness, credentials
        ["Indexes"],                                      // PEP 503/691 pages, find-links, metadata, downloads
        ["Accelerators"],                                 // GPU detection, backend policy, PyTorch-family tables
        ["Interpreters"],                                 // finding and probing Python
        ["Resolution"],                                   // PubGrub over the indexes
        ["Locking"],                                      // python.lock.json
        ["Exporting"],                                    // pylock.toml / requirements.txt from the lock
        ["Installation"],                                 // wheel installer
        ["Environments"],                                 // the venv and its atomic update
        ["Building"],                                     // PEP 517 sdist builds
        ["Restore", "ProjectFiles"],                      // the request, its files, the pipeline
        ["Publishing"],                                   // shipping a restored environment
    ];

    private const string Root = "LlmPython.Resolver.";

    private static int LayerOf(string folder) => Array.FindIndex(Layers, row => row.Contains(folder));

    /// <summary>"Restore" for LlmPython.Resolver.Restore.NoOp.StampedNoOp; null for types outside the engine's namespaces.</summary>
    private static string? FolderOf(Type type)
    {
        var ns = type.Namespace;
        if (ns is null || !ns.StartsWith(Root, StringComparison.Ordinal)) return null;
        return ns[Root.Length..].Split('.')[0];
    }

    [Fact]
    public void Every_folder_of_the_engine_has_a_layer()
    {
        var folders = typeof(Resolver.Versioning.Pep440Version).Assembly.GetTypes().Select(FolderOf).OfType<string>().Distinct();
        Assert.Empty(folders.Where(f => LayerOf(f) < 0).Select(f => $"src/Resolver/{f}/ has no row in LayerOrderTests.Layers (and docs/architecture.md)"));
    }

    [Fact]
    public void Folders_depend_only_on_their_own_or_lower_layers()
    {
        var sources = SourceFiles.Index();
        var offences = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in typeof(Resolver.Versioning.Pep440Version).Assembly.GetTypes())
        {
            var owner = Outermost(type);
            if (FolderOf(owner) is not { } folder) continue;
            foreach (var (used, where) in TypeReferences.Of(type))
            {
                if (FolderOf(used) is not { } usedFolder || LayerOf(usedFolder) <= LayerOf(folder)) continue;
                var offence = $"{sources.FileOf(owner)}: {owner.FullName} (layer {folder}) uses {Outermost(used).FullName} (layer {usedFolder}, higher)";
                if (!offences.TryGetValue(offence, out var members)) offences[offence] = members = new SortedSet<string>(StringComparer.Ordinal);
                members.Add(MemberName(type, where));
            }
        }
        Assert.True(offences.Count == 0, "Dependencies must point down the layers of docs/architecture.md (LayerOrderTests.Layers):\n"
            + string.Join("\n", offences.Select(o => $"{o.Key} in {string.Join(", ", o.Value)}")));
    }

    /// <summary>The source name of a member: "Describe" for the lambda &lt;Describe&gt;b__0_8 or the iterator &lt;Describe&gt;d__6.</summary>
    private static string MemberName(Type type, string member)
    {
        foreach (var name in new[] { member, type.Name })
            if (Regex.Match(name, @"^<(\w+)>") is { Success: true } m) return m.Groups[1].Value;
        return member.StartsWith('<') || member == "MoveNext" ? "a lambda" : member;
    }

    [Fact]
    public void The_checker_sees_references_made_only_inside_method_bodies()
    {
        // RestoreEngine names RestoreSession only in method bodies (locals); the IL scan must see it.
        var used = TypeReferences.Of(typeof(Resolver.Restore.RestoreEngine)).Select(r => r.Type.FullName).ToHashSet();
        Assert.Contains("LlmPython.Resolver.Restore.RestoreSession", used);
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    /// <summary>The source file declaring each top-level type of src/Resolver (one concept per file, namespace = folder).</summary>
    private sealed class SourceFiles
    {
        private readonly Dictionary<string, string> _byType = new(StringComparer.Ordinal);

        public static SourceFiles Index()
        {
            var index = new SourceFiles();
            var root = Path.Combine(TestPaths.RepoRoot, "src", "Resolver");
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
                var ns = Regex.Match(File.ReadAllText(file), @"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline);
                foreach (Match m in Regex.Matches(File.ReadAllText(file),
                    @"^(?:public |internal )?(?:static |sealed |abstract |partial |readonly |file )*(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?(\w+)", RegexOptions.Multiline))
                    index._byType.TryAdd(ns.Groups[1].Value + "." + m.Groups[1].Value, relative);
            }
            return index;
        }

        public string FileOf(Type type)
        {
            var name = type.FullName ?? type.Name;
            var generic = name.IndexOf('`');
            return _byType.TryGetValue(generic < 0 ? name : name[..generic], out var file) ? file : "src/Resolver/? (" + name + ")";
        }
    }
}
