namespace LlmPython.Resolver.Indexes;

/// <summary>
/// The project names served from the PyTorch backend index (<c>Data/torch-index-packages.txt</c>,
/// column routed_with_pytorch_source = yes).
/// </summary>
public static class PyTorchFamily
{
    /// <summary>Reads the TSV (header row, then name and yes/no columns).</summary>
    public static IReadOnlySet<string> Parse(string tsv)
    {
        var lines = tsv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return new HashSet<string>();
        var header = lines[0].Split('\t');
        var column = Array.IndexOf(header, "routed_with_pytorch_source");
        if (column < 0) throw new FormatException("torch-index-packages.txt lacks the routed_with_pytorch_source column");
        return lines.Skip(1)
            .Select(l => l.Split('\t'))
            .Where(cells => cells.Length > column && cells[column].Equals("yes", StringComparison.OrdinalIgnoreCase))
            .Select(cells => ProjectNames.Normalize(cells[0]))
            .ToHashSet(StringComparer.Ordinal);
    }

    public static IReadOnlySet<string> Load(string path) => Parse(File.ReadAllText(path));

    /// <summary><c>$(PyTorchIndexUrl)/&lt;backend&gt;/</c>.</summary>
    public static string BackendIndexUrl(string pyTorchIndexUrl, string backend) => pyTorchIndexUrl.TrimEnd('/') + "/" + backend + "/";
}
