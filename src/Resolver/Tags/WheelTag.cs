namespace LlmPython.Resolver.Tags;

/// <summary>One PEP 425 tag triple, lower-case: interpreter-abi-platform.</summary>
public readonly record struct WheelTag(string Interpreter, string Abi, string Platform)
{
    public override string ToString() => $"{Interpreter}-{Abi}-{Platform}";

    /// <summary>A tag with every part lower-cased (tags compare case-insensitively by being stored lower-case).</summary>
    public static WheelTag Create(string interpreter, string abi, string platform) =>
        new(interpreter.ToLowerInvariant(), abi.ToLowerInvariant(), platform.ToLowerInvariant());

    /// <summary>
    /// Parses a tag that may be a compressed tag set ("py2.py3-none-any") into its distinct tags, in
    /// interpreter × abi × platform order. Throws <see cref="FormatException"/> on an empty component,
    /// an interpreter that is not an identifier, or not exactly three components.
    /// </summary>
    /// <param name="limit">Most tags the set may expand to (counted before duplicates are removed); null = no limit.</param>
    /// <param name="validateOrder">Require each compressed component to be sorted, as PEP 425 asks.</param>
    public static IReadOnlyList<WheelTag> ParseSet(string tag, int? limit = null, bool validateOrder = false)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (limit is < 0)
            throw new ArgumentOutOfRangeException(nameof(limit), "limit must be non-negative");

        var components = tag.Split('-');
        foreach (var component in components)
        {
            var parts = component.Split('.');
            if (parts.Any(p => p.Length == 0))
                throw new FormatException($"Tag '{tag}' has an empty component: '{component}'.");
            if (validateOrder && !parts.SequenceEqual(parts.Order(StringComparer.Ordinal)))
                throw new FormatException($"Tag component '{component}' of '{tag}' is not in sorted order per PEP 425.");
        }

        long count = 1;
        foreach (var component in components)
            count *= component.Split('.').Length;
        if (limit is not null && count > limit)
            throw new FormatException($"Compressed tag set '{tag}' would generate {count} tags, exceeding limit {limit}.");

        if (components.Length != 3)
            throw new FormatException($"Tag '{tag}' must have exactly three components.");

        var interpreters = components[0].Split('.');
        foreach (var interpreter in interpreters)
            if (!IsIdentifier(interpreter))
                throw new FormatException($"Tag '{tag}' has an invalid interpreter: '{interpreter}'.");

        var result = new List<WheelTag>();
        var seen = new HashSet<WheelTag>();
        foreach (var interpreter in interpreters)
            foreach (var abi in components[1].Split('.'))
                foreach (var platform in components[2].Split('.'))
                {
                    var t = Create(interpreter, abi, platform);
                    if (seen.Add(t)) result.Add(t);
                }
        return result;
    }

    /// <summary>Parses one plain (uncompressed) tag.</summary>
    public static WheelTag Parse(string tag)
    {
        var set = ParseSet(tag);
        if (set.Count != 1)
            throw new FormatException($"Tag '{tag}' is a compressed tag set, not a single tag.");
        return set[0];
    }

    // Python's str.isidentifier(), close enough for tag interpreters: a letter or '_' then letters, digits, '_'.
    private static bool IsIdentifier(string s)
    {
        if (s.Length == 0 || !(char.IsLetter(s[0]) || s[0] == '_')) return false;
        foreach (var c in s)
            if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        return true;
    }
}
