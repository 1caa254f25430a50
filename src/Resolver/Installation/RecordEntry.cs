using System.Globalization;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// One row of a RECORD file: a path (always '/'-separated), an optional <c>algorithm=digest</c> hash and an
/// optional size. A missing hash or size means "not checked".
/// </summary>
public sealed record RecordEntry(string Path, string? Hash, long? Size)
{
    /// <summary>Builds an entry from the three CSV fields; throws FormatException naming each bad element.</summary>
    public static RecordEntry FromElements(string path, string hash, string size)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(path))
            problems.Add("path");
        long? parsedSize = null;
        if (!string.IsNullOrEmpty(size))
        {
            if (long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
                parsedSize = s;
            else
                problems.Add("size");
        }
        if (problems.Count > 0)
            throw new FormatException($"invalid RECORD entry ({string.Join(", ", problems)}): path='{path}', hash='{hash}', size='{size}'");
        // A non-compliant hash is kept as is: it fails when validated, not when read.
        return new RecordEntry(path.Replace('\\', '/'), string.IsNullOrEmpty(hash) ? null : hash, parsedSize);
    }

    /// <summary>The algorithm part of the hash ("sha256"), or null without hash.</summary>
    public string? HashAlgorithm => Hash is null ? null : Hash.Split('=', 2)[0];

    /// <summary>True when <paramref name="data"/> matches the size and hash given (absent ones are not checked).</summary>
    public bool Validate(ReadOnlySpan<byte> data)
    {
        if (Size is { } size && size != data.Length)
            return false;
        if (Hash is null)
            return true;
        var (algorithm, expected) = SplitHash();
        using var h = RecordHash.Create(algorithm);
        var digest = new byte[h.HashSize / 8];
        h.TryComputeHash(data, digest, out _);
        return RecordHash.Encode(digest) == expected;
    }

    /// <summary>Same as <see cref="Validate(ReadOnlySpan{byte})"/> over a stream (read to its end).</summary>
    public bool Validate(Stream data)
    {
        if (Hash is null && Size is null)
            return true;
        var algorithm = Hash is null ? "sha256" : SplitHash().Algorithm;
        using var h = RecordHash.Create(algorithm);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
        {
            h.TransformBlock(buffer, 0, read, null, 0);
            length += read;
        }
        h.TransformFinalBlock([], 0, 0);
        if (Size is { } size && size != length)
            return false;
        return Hash is null || RecordHash.Encode(h.Hash!) == SplitHash().Digest;
    }

    /// <summary>The CSV fields; missing values become empty strings; <paramref name="prefix"/> goes before the path only.</summary>
    public string[] ToRow(string? prefix = null)
        => [(prefix ?? "") + Path, Hash ?? "", Size?.ToString(CultureInfo.InvariantCulture) ?? ""];

    private (string Algorithm, string Digest) SplitHash()
    {
        var parts = Hash!.Split('=', 2);
        if (parts.Length != 2 || !RecordHash.IsSupported(parts[0]))
            throw new FormatException($"entry in RECORD file for {Path} is invalid: invalid hash algorithm '{parts[0]}'");
        return (parts[0], parts[1]);
    }
}
