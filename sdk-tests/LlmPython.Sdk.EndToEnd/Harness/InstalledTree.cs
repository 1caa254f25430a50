using System.Text;

namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>
/// The regular files of an environment folder by '/'-separated relative path, with their bytes and executable bit.
/// Symbolic links (bin/python, lib64) are the interpreter's, not an installer's: left out.
/// </summary>
public sealed class InstalledTree
{
    private InstalledTree(string root, Dictionary<string, (byte[] Bytes, bool Executable)> files)
    {
        Root = root;
        Files = files;
    }

    public string Root { get; }
    public IReadOnlyDictionary<string, (byte[] Bytes, bool Executable)> Files { get; }

    public static InstalledTree Read(string root)
    {
        var files = new Dictionary<string, (byte[], bool)>(StringComparer.Ordinal);
        Walk(new DirectoryInfo(root));
        return new InstalledTree(Path.GetFullPath(root), files);

        void Walk(DirectoryInfo folder)
        {
            foreach (var entry in folder.EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                    continue;
                if (entry is DirectoryInfo sub)
                    Walk(sub);
                else
                    files[Path.GetRelativePath(root, entry.FullName).Replace('\\', '/')] = (File.ReadAllBytes(entry.FullName),
                        !OperatingSystem.IsWindows() && File.GetUnixFileMode(entry.FullName).HasFlag(UnixFileMode.UserExecute));
            }
        }
    }

    /// <summary>Paths of this tree that <paramref name="skeleton"/> (the bare environment) does not have, minus <paramref name="ignore"/>.</summary>
    public SortedSet<string> InstalledPaths(InstalledTree skeleton, params string[] ignore)
        => new(Files.Keys.Where(p => !skeleton.Files.ContainsKey(p) && !ignore.Contains(p)), StringComparer.Ordinal);

    /// <summary>A file's text with this environment's root written as <c>{venv}</c>, so two environments compare.</summary>
    public string Text(string path) => Encoding.UTF8.GetString(Files[path].Bytes).Replace(Root, "{venv}", StringComparison.Ordinal);
}
