using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>
/// Copies a folder tree as hardlinks (copy fallback), recreating symlinks as symlinks: a cheap staging copy
/// of an environment, as long as nothing ever writes through a linked file (writers delete, then create).
/// </summary>
public static class DirectoryCloner
{
    public static (int Linked, int Copied) Clone(string source, string destination)
    {
        int linked = 0, copied = 0;
        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } linkTarget)
            {
                if (entry is DirectoryInfo)
                    Directory.CreateSymbolicLink(target, linkTarget);
                else
                    File.CreateSymbolicLink(target, linkTarget);
            }
            else if (entry is DirectoryInfo)
            {
                var (l, c) = Clone(entry.FullName, target);
                linked += l;
                copied += c;
            }
            else if (FileLinker.LinkOrCopy(entry.FullName, target))
                linked++;
            else
                copied++;
        }
        return (linked, copied);
    }
}
