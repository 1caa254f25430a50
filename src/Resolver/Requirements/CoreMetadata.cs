using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Requirements;

/// <summary>
/// A distribution's core metadata (METADATA / PKG-INFO), Metadata-Version 1.0–2.4: RFC 822 style
/// headers, folded lines unfolded, repeated fields kept in order, the body after the first blank
/// line (the description) ignored, unknown fields kept but not interpreted.
/// </summary>
public sealed partial class CoreMetadata
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _fields;

    private CoreMetadata(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        _fields = fields;
        MetadataVersion = Get("Metadata-Version");
        if (MetadataVersion is not null)
            CheckMetadataVersion(MetadataVersion);

        Name = Get("Name") ?? throw new FormatException("The metadata has no Name field.");
        if (!PackageName.IsValid(Name))
            throw new FormatException($"The metadata Name '{Name}' is not a valid package name.");

        string version = Get("Version") ?? throw new FormatException($"The metadata of '{Name}' has no Version field.");
        if (!Pep440Version.TryParse(version, out var parsedVersion))
            throw new FormatException($"The metadata of '{Name}' has Version '{version}', which is not a PEP 440 version.");
        Version = parsedVersion;

        RequiresDist = GetAll("Requires-Dist").Select(text => ParseRequirement(Name, text)).ToList();

        string? requiresPython = Get("Requires-Python");
        if (string.IsNullOrWhiteSpace(requiresPython))
            RequiresPython = VersionSpecifierSet.Empty;
        else if (!VersionSpecifierSet.TryParse(requiresPython, out var set))
            throw new FormatException($"The metadata of '{Name}' has Requires-Python '{requiresPython}', which is not a PEP 440 specifier set.");
        else
            RequiresPython = set;

        ProvidesExtra = GetAll("Provides-Extra")
            .Select(e => PackageName.Normalize(e.Trim()))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Throws <see cref="FormatException"/> when a required field is missing or malformed.</summary>
    public static CoreMetadata Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new CoreMetadata(ReadHeaders(text));
    }

    /// <summary>The Metadata-Version field, or null when absent.</summary>
    public string? MetadataVersion { get; }

    /// <summary>The name as written.</summary>
    public string Name { get; }

    public PackageName NormalizedName => new(PackageName.Normalize(Name));

    public Pep440Version Version { get; }

    public IReadOnlyList<Requirement> RequiresDist { get; }

    /// <summary>Empty (any Python) when the field is absent.</summary>
    public VersionSpecifierSet RequiresPython { get; }

    /// <summary>Extras, normalized (PEP 685), in order of appearance.</summary>
    public IReadOnlyList<string> ProvidesExtra { get; }

    /// <summary>Every header in order, names as written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The first value of a field (case-insensitive name), or null.</summary>
    public string? Get(string field)
    {
        foreach (var pair in _fields)
            if (string.Equals(pair.Key, field, StringComparison.OrdinalIgnoreCase))
                return pair.Value;
        return null;
    }

    /// <summary>Every value of a repeated field (case-insensitive name), in order.</summary>
    public IReadOnlyList<string> GetAll(string field) =>
        _fields.Where(p => string.Equals(p.Key, field, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).ToList();

    // Readers must refuse a major version they do not know; a newer minor version is read as far as known.
    private static void CheckMetadataVersion(string version)
    {
        var parts = version.Trim().Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int major) || !int.TryParse(parts[1], out _))
            throw new FormatException($"Metadata-Version '{version}' is not a version like 2.1.");
        if (major is < 1 or > 2)
            throw new FormatException($"Metadata-Version '{version}' is not supported (1.0 to 2.x are).");
    }

    private static Requirement ParseRequirement(string name, string text)
    {
        try
        {
            return Requirement.Parse(text.Trim());
        }
        catch (FormatException e)
        {
            throw new FormatException($"The metadata of '{name}' has an invalid Requires-Dist '{text}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Header lines up to the first blank line. A line starting with a space or tab continues the
    /// previous field (unfolded by dropping the line break); a line that is neither ends the headers.
    /// </summary>
    private static List<KeyValuePair<string, string>> ReadHeaders(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        var fields = new List<KeyValuePair<string, string>>();
        string? name = null;
        var value = new System.Text.StringBuilder();

        void Flush()
        {
            if (name is not null)
                fields.Add(new(name, value.ToString().Trim()));
            name = null;
            value.Clear();
        }

        foreach (var rawLine in text.Split('\n'))
        {
            string line = rawLine.EndsWith('\r') ? rawLine[..^1] : rawLine;
            if (line.Length == 0)
                break;
            if (line[0] is ' ' or '\t')
            {
                if (name is not null)
                    value.Append(line);
                continue;
            }
            int colon = line.IndexOf(':');
            if (colon <= 0 || !IsFieldName(line.AsSpan(0, colon)))
                break;
            Flush();
            name = line[..colon];
            value.Append(line.AsSpan(colon + 1).TrimStart(" \t"));
        }
        Flush();
        return fields;
    }

    // RFC 822 field names: printable ASCII except the colon.
    private static bool IsFieldName(ReadOnlySpan<char> name)
    {
        foreach (char c in name)
            if (c is < '!' or > '~')
                return false;
        return true;
    }
}
