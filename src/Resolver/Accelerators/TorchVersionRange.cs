namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// The torch versions a table row covers, as the data tables write them: <c>2.4.x-2.5.x</c>,
/// <c>1.13.x,2.0.x</c>, <c>2.11.x,2.12.1,2.13.x</c> (an <c>x</c> matches any patch).
/// </summary>
public sealed class TorchVersionRange
{
    private readonly List<(TorchReleaseNumber Low, TorchReleaseNumber High)> _spans;

    private TorchVersionRange(string text, List<(TorchReleaseNumber, TorchReleaseNumber)> spans)
    {
        Text = text;
        _spans = spans;
    }

    public string Text { get; }

    /// <summary>Throws <see cref="FormatException"/> for anything but comma-separated versions or dash ranges.</summary>
    public static TorchVersionRange Parse(string text)
    {
        var spans = new List<(TorchReleaseNumber, TorchReleaseNumber)>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = item.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length > 2) throw new FormatException($"'{item}' in torch range '{text}' has more than one '-'.");
            var low = Bound(ends[0], text, upper: false);
            var high = Bound(ends[^1], text, upper: true);
            if (high.CompareTo(low) < 0) throw new FormatException($"'{item}' in torch range '{text}' ends before it starts.");
            spans.Add((low, high));
        }
        if (spans.Count == 0) throw new FormatException($"'{text}' is an empty torch range.");
        return new TorchVersionRange(text, spans);
    }

    private static TorchReleaseNumber Bound(string end, string whole, bool upper)
    {
        var pieces = end.Split('.');
        if (pieces.Length is < 2 or > 3 || pieces.Take(2).Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
            throw new FormatException($"'{end}' in torch range '{whole}' is not like 2.4.x or 2.12.1.");
        var major = int.Parse(pieces[0], System.Globalization.CultureInfo.InvariantCulture);
        var minor = int.Parse(pieces[1], System.Globalization.CultureInfo.InvariantCulture);
        if (pieces.Length == 2 || pieces[2] == "x")
            return new TorchReleaseNumber(major, minor, upper ? int.MaxValue : 0);
        if (!pieces[2].All(char.IsAsciiDigit) || pieces[2].Length == 0)
            throw new FormatException($"'{end}' in torch range '{whole}' is not like 2.4.x or 2.12.1.");
        return new TorchReleaseNumber(major, minor, int.Parse(pieces[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    public bool Contains(TorchReleaseNumber version) =>
        _spans.Any(s => version.CompareTo(s.Low) >= 0 && version.CompareTo(s.High) <= 0);

    /// <summary>True when the text parses as a torch version inside the range.</summary>
    public bool Contains(string version) => TorchReleaseNumber.TryParse(version, out var v) && Contains(v);

    public override string ToString() => Text;
}
