using System.Text;

namespace LlmPython.Benchmarks.Common;

/// <summary>A small fixed-width text table printed to stdout.</summary>
internal sealed class Table(string title, params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Print()
    {
        var widths = columns.Select((c, i) => Math.Max(c.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine().AppendLine("## " + title);
        sb.AppendLine(Line(columns, widths));
        sb.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
            sb.AppendLine(Line(row, widths));
        Console.Write(sb.ToString());
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join(" | ", widths.Select((w, i) => i == 0 ? (i < cells.Length ? cells[i] : "").PadRight(w) : (i < cells.Length ? cells[i] : "").PadLeft(w)));

    /// <summary>The one-line summary after a table.</summary>
    public static void Summary(string text) => Console.WriteLine("=> " + text);
}
