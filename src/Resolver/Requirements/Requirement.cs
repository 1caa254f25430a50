using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Requirements;

/// <summary>A PEP 508 dependency specification: name[extras] specifier-or-url ; marker.</summary>
public sealed partial class Requirement : IEquatable<Requirement>
{
    private readonly IReadOnlyList<(string Op, string Version)> _clauses;

    private Requirement(ParsedRequirement parsed)
    {
        Name = parsed.Name;
        NormalizedName = new PackageName(PackageName.Normalize(parsed.Name));
        ExtrasAsWritten = parsed.Extras.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Extras = parsed.Extras.Select(PackageName.Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Url = string.IsNullOrEmpty(parsed.Url) ? null : parsed.Url;
        Marker = parsed.Marker is null ? null : new Marker(parsed.Marker);

        // Like packaging's SpecifierSet: split on commas, skip empty items, strip each clause.
        string joined = string.Join(",", parsed.SpecifierClauses);
        _clauses = joined.Split(',')
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(SplitClause)
            .ToList();
        Specifier = _clauses.Count == 0 ? VersionSpecifierSet.Empty : VersionSpecifierSet.Parse(joined);
        SpecifierText = string.Join(",", _clauses.Select(c => c.Op + c.Version).Order(StringComparer.Ordinal));
    }

    /// <summary>Throws <see cref="FormatException"/> on bad input.</summary>
    public static Requirement Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Requirement(RequirementParser.Parse(text));
    }

    public static bool TryParse(string? text, out Requirement? requirement)
    {
        requirement = null;
        if (text is null)
            return false;
        try
        {
            requirement = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The name as written.</summary>
    public string Name { get; }

    public PackageName NormalizedName { get; }

    /// <summary>Extras, normalized and sorted.</summary>
    public IReadOnlyList<string> Extras { get; }

    /// <summary>Extras as written (duplicates removed), sorted ordinally; used by <see cref="ToString"/>.</summary>
    public IReadOnlyList<string> ExtrasAsWritten { get; }

    public VersionSpecifierSet Specifier { get; }

    /// <summary>The specifier as packaging prints it: clauses as written without spaces, sorted, comma-joined.</summary>
    public string SpecifierText { get; }

    public string? Url { get; }

    public Marker? Marker { get; }

    /// <summary>packaging's str(Requirement).</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder(Name);
        if (ExtrasAsWritten.Count > 0)
            text.Append('[').Append(string.Join(",", ExtrasAsWritten)).Append(']');
        text.Append(SpecifierText);
        if (Url is not null)
        {
            text.Append(" @ ").Append(Url);
            if (Marker is not null)
                text.Append(' ');
        }
        if (Marker is not null)
            text.Append("; ").Append(Marker);
        return text.ToString();
    }

    /// <summary>
    /// Same normalized name, normalized extras, URL, marker text and specifier clauses (versions
    /// compared with trailing zeros stripped, so <c>foo==1.0</c> equals <c>foo==1.0.0</c>).
    /// </summary>
    public bool Equals(Requirement? other) =>
        other is not null
        && NormalizedName == other.NormalizedName
        && Extras.SequenceEqual(other.Extras, StringComparer.Ordinal)
        && string.Equals(Url, other.Url, StringComparison.Ordinal)
        && Marker == other.Marker
        && CanonicalClauses().SetEquals(other.CanonicalClauses());

    public override bool Equals(object? obj) => obj is Requirement r && Equals(r);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(NormalizedName);
        foreach (var extra in Extras)
            hash.Add(extra, StringComparer.Ordinal);
        hash.Add(Url, StringComparer.Ordinal);
        hash.Add(Marker);
        foreach (var clause in CanonicalClauses().Order(StringComparer.Ordinal))
            hash.Add(clause, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public static bool operator ==(Requirement? a, Requirement? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Requirement? a, Requirement? b) => !(a == b);

    private HashSet<string> CanonicalClauses() =>
        _clauses.Select(c => c.Op + "\u0000" + CanonicalVersion(c.Op, c.Version)).ToHashSet(StringComparer.Ordinal);

    private static (string Op, string Version) SplitClause(string clause)
    {
        string text = clause.Trim();
        int opLength = text.StartsWith("===", StringComparison.Ordinal) ? 3
            : text.Length >= 2 && text[1] == '=' ? 2
            : 1;
        return (text[..opLength], text[opLength..].Trim());
    }

    // packaging's Specifier equality: the version canonicalized, trailing release zeros stripped
    // (except for ~=, whose precision matters); === and wildcards compare as written.
    private static string CanonicalVersion(string op, string version)
    {
        if (op == "===" || version.EndsWith(".*", StringComparison.Ordinal) || !Pep440Version.TryParse(version, out var parsed))
            return version;
        string normalized = parsed.ToString();
        return op == "~=" ? normalized : StripTrailingZeros(normalized);
    }

    private static string StripTrailingZeros(string normalized)
    {
        int bang = normalized.IndexOf('!');
        int start = bang + 1;
        int end = start;
        while (end < normalized.Length && (char.IsAsciiDigit(normalized[end]) || normalized[end] == '.'))
            end++;
        // A release followed by ".post"/".dev" keeps that dot out of the release.
        if (end > start && normalized[end - 1] == '.')
            end--;
        string release = normalized[start..end];
        while (release.EndsWith(".0", StringComparison.Ordinal))
            release = release[..^2];
        return normalized[..start] + release + normalized[end..];
    }
}
