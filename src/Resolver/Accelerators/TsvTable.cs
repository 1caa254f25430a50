namespace LlmPython.Resolver.Accelerators;

/// <summary>A tab-separated table with a header row, as the files in <c>src/Resolver/Data</c> are written.</summary>
internal sealed class TsvTable
{
    private readonly Dictionary<string, int> _columns;

    private TsvTable(string name, Dictionary<string, int> columns, List<(int Line, string[] Cells)> rows)
    {
        Name = name;
        _columns = columns;
        Rows = rows;
    }

    public string Name { get; }

    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    /// <summary>Reads the table; blank lines are skipped; a row with fewer cells than the header is a <see cref="FormatException"/>.</summary>
    public static TsvTable Parse(string name, string text, params string[] requiredColumns)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var header = lines[0].Split('\t');
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++) columns[header[i].Trim()] = i;
        foreach (var column in requiredColumns)
            if (!columns.ContainsKey(column)) throw new FormatException($"{name}: header has no column '{column}'.");
        var rows = new List<(int, string[])>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = lines[i].Split('\t').Select(c => c.Trim()).ToArray();
            if (cells.Length < header.Length)
                throw new FormatException($"{name} line {i + 1}: {cells.Length} cells, the header has {header.Length}.");
            rows.Add((i + 1, cells));
        }
        return new TsvTable(name, columns, rows);
    }

    public string Cell(string[] row, string column) => row[_columns[column]];
}
