namespace LlmPython.Resolver.Installation;

/// <summary>
/// The folders one wheel's install writes into, each looked at once: whether it existed before the install (if
/// not, no file in it can clash, so the per-file existence checks are skipped) and created once. A fresh venv has
/// thousands of files in a few hundred new folders: this saves two or three system calls per file.
/// </summary>
internal sealed class DestinationFolders
{
    private readonly Dictionary<string, bool> _existedBefore = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ensured = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="folder"/> existed when first asked (ask before writing anything).</summary>
    public bool ExistedBefore(string folder)
    {
        if (!_existedBefore.TryGetValue(folder, out var existed))
            _existedBefore[folder] = existed = Directory.Exists(folder);
        return existed;
    }

    public void Ensure(string folder)
    {
        if (_ensured.Add(folder))
            Directory.CreateDirectory(folder);
    }
}
