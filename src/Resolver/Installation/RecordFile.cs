using System.Text;

namespace LlmPython.Resolver.Installation;

/// <summary>Reads and writes RECORD files (CSV, three columns, '\n' line ends).</summary>
public static class RecordFile
{
    /// <summary>Parses RECORD text. Throws FormatException with the 0-based "Row Index" of a bad row.</summary>
    public static IReadOnlyList<RecordEntry> Parse(string text)
        => Parse(text.Split('\n'));

    public static IReadOnlyList<RecordEntry> Parse(IEnumerable<string> lines)
    {
        var entries = new List<RecordEntry>();
        var rowIndex = 0;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            var fields = SplitCsv(line, rowIndex);
            if (fields.Count != 3)
                throw new FormatException($"Row Index {rowIndex}: expected 3 elements, got {fields.Count}");
            try
            {
                entries.Add(RecordEntry.FromElements(fields[0], fields[1], fields[2]));
            }
            catch (FormatException e)
            {
                throw new FormatException($"Row Index {rowIndex}: {e.Message}", e);
            }
            rowIndex++;
        }
        return entries;
    }

    /// <summary>Serializes rows: <c>path,hash,size\n</c> each, CSV-quoting fields that need it.</summary>
    public static string Write(IEnumerable<RecordEntry> entries)
    {
        var sb = new StringBuilder();
        foreach (var entry in entries)
        {
            var row = entry.ToRow();
            sb.Append(Quote(row[0])).Append(',').Append(Quote(row[1])).Append(',').Append(row[2]).Append('\n');
        }
        return sb.ToString();
    }

    private static string Quote(string field)
        => field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static List<string> SplitCsv(string line, int rowIndex)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        var quoted = false;
        while (i < line.Length)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i += 2; continue; }
                if (c == '"') { quoted = false; i++; continue; }
                current.Append(c);
            }
            else if (c == '"' && current.Length == 0)
                quoted = true;
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
            i++;
        }
        if (quoted)
            throw new FormatException($"Row Index {rowIndex}: unterminated quote");
        fields.Add(current.ToString());
        return fields;
    }
}
