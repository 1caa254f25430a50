namespace LlmPython.Benchmarks.Install;

/// <summary>One distribution installed in a site-packages folder: its .dist-info and the files its RECORD lists.</summary>
internal sealed record InstalledDistribution(string Name, string Version, string DistInfo, IReadOnlyList<string> Files)
{
    // Written by the installer, not part of the wheel; a repacked wheel gets a fresh RECORD.
    private static readonly HashSet<string> InstallerFiles = new(StringComparer.Ordinal) { "RECORD", "INSTALLER", "REQUESTED", "direct_url.json" };

    /// <summary>
    /// Reads <c>name-version.dist-info/RECORD</c>. Keeps files inside site-packages that exist, except
    /// bytecode and installer-written files; scripts outside site-packages (<c>../../../bin</c>) are left out
    /// because installers regenerate them from entry_points.txt.
    /// </summary>
    public static InstalledDistribution? Read(string sitePackages, string distInfo)
    {
        var record = Path.Combine(sitePackages, distInfo, "RECORD");
        if (!File.Exists(record)) return null;
        var stem = distInfo[..^".dist-info".Length];
        var dash = stem.IndexOf('-');
        if (dash <= 0) return null;
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(record))
        {
            var path = FirstCsvField(line);
            if (path.Length == 0 || path.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(path)
                || path.Contains("__pycache__/", StringComparison.Ordinal) || path.EndsWith(".pyc", StringComparison.Ordinal))
                continue;
            if (path.StartsWith(distInfo + "/", StringComparison.Ordinal) && InstallerFiles.Contains(path[(distInfo.Length + 1)..]))
                continue;
            if (File.Exists(Path.Combine(sitePackages, path)))
                files.Add(path);
        }
        return new InstalledDistribution(stem[..dash], stem[(dash + 1)..], distInfo, files.ToList());
    }

    private static string FirstCsvField(string line)
    {
        if (!line.StartsWith('"')) return line.Split(',')[0];
        var end = 1;
        var value = new System.Text.StringBuilder();
        while (end < line.Length)
        {
            if (line[end] == '"')
            {
                if (end + 1 < line.Length && line[end + 1] == '"') { value.Append('"'); end += 2; continue; }
                break;
            }
            value.Append(line[end++]);
        }
        return value.ToString();
    }
}
