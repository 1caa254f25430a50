namespace LlmPython.Resolver.Installation;

/// <summary>
/// RFC 822-style headers of METADATA and WHEEL: case-insensitive names, repeated headers kept in order.
/// The body (after the first blank line) and continuation lines are ignored: the installer needs none.
/// </summary>
public sealed class HeaderFile
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public static HeaderFile Parse(string text)
    {
        var file = new HeaderFile();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
                break;
            if (line[0] is ' ' or '\t')
                continue;
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            file._headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return file;
    }

    /// <summary>The first value of a header, or null.</summary>
    public string? this[string name] => GetAll(name).FirstOrDefault();

    public IEnumerable<string> GetAll(string name)
        => _headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
}
