using System.Globalization;

namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// Which C++ ABI (<c>_GLIBCXX_USE_CXX11_ABI</c>) the Linux wheels of each torch release were built with, per index
/// (<c>src/Resolver/Data/torch-cxx11-abi.tsv</c>): an extension wheel labelled <c>cxx11abiTRUE</c> loads only into a
/// torch built the same way. Index <c>pypi</c> is PyPI's plain torch; <c>*</c> is every index of that release.
/// </summary>
public sealed class TorchCxxAbiTable
{
    public const string FileName = "torch-cxx11-abi.tsv";
    /// <summary>The index name of PyPI's plain torch (no PyTorch backend chosen).</summary>
    public const string PypiIndex = "pypi";

    private static readonly Lazy<TorchCxxAbiTable> s_default = new(() => Parse(AcceleratorData.ReadEmbedded(FileName)));
    private readonly List<Row> _rows;

    private TorchCxxAbiTable(List<Row> rows) { _rows = rows; }

    private sealed record Row((int Major, int Minor) Torch, IReadOnlyList<string> Indexes, bool Cxx11Abi);

    public static TorchCxxAbiTable Default => s_default.Value;

    /// <summary>Every torch (major, minor) the table knows.</summary>
    public IEnumerable<(int Major, int Minor)> TorchMinors => _rows.Select(r => r.Torch).Distinct();

    /// <summary>The ABI of torch <paramref name="torch"/> from index <paramref name="index"/> (<c>cu124</c>, <c>cpu</c>, null = PyPI), or null when unknown.</summary>
    public bool? Cxx11AbiOf((int Major, int Minor) torch, string? index)
    {
        index ??= PypiIndex;
        var rows = _rows.Where(r => r.Torch == torch).ToList();
        return (rows.FirstOrDefault(r => r.Indexes.Contains(index, StringComparer.OrdinalIgnoreCase))
            ?? rows.FirstOrDefault(r => r.Indexes.Contains("*")))?.Cxx11Abi;
    }

    public static TorchCxxAbiTable Parse(string text)
    {
        var t = TsvTable.Parse(FileName, text, "torch_minor", "index", "cxx11abi");
        var rows = new List<Row>();
        foreach (var (line, cells) in t.Rows)
        {
            var minor = t.Cell(cells, "torch_minor").Split('.');
            if (minor.Length != 2 || !int.TryParse(minor[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                || !int.TryParse(minor[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
                throw new FormatException($"{FileName} line {line}: '{t.Cell(cells, "torch_minor")}' is not a torch major.minor.");
            var abi = t.Cell(cells, "cxx11abi") switch
            {
                "TRUE" => true,
                "FALSE" => false,
                var other => throw new FormatException($"{FileName} line {line}: '{other}' is not TRUE or FALSE."),
            };
            rows.Add(new Row((major, m), t.Cell(cells, "index").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), abi));
        }
        return new TorchCxxAbiTable(rows);
    }
}
