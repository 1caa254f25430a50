using System.Security.Cryptography;

namespace LlmPython.Resolver.Installation;

/// <summary>Hashes in RECORD form: <c>algorithm=</c> urlsafe base64 without padding.</summary>
public static class RecordHash
{
    /// <summary>Algorithms accepted in RECORD (md5 and sha1 are forbidden by the wheel spec).</summary>
    public static bool IsSupported(string algorithm) => algorithm is "sha256" or "sha384" or "sha512";

    public static string Encode(ReadOnlySpan<byte> digest)
        => Convert.ToBase64String(digest).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>"sha256=…" of the bytes.</summary>
    public static string Sha256(ReadOnlySpan<byte> data) => "sha256=" + Encode(SHA256.HashData(data));

    /// <summary>Digest of <paramref name="data"/> with a RECORD algorithm name; throws FormatException for others.</summary>
    public static byte[] Compute(string algorithm, Stream data)
    {
        using var hash = Create(algorithm);
        return hash.ComputeHash(data);
    }

    /// <summary>Creates the hash object of a RECORD algorithm name; throws FormatException for others.</summary>
    public static HashAlgorithm Create(string algorithm) => algorithm switch
    {
        "sha256" => SHA256.Create(),
        "sha384" => SHA384.Create(),
        "sha512" => SHA512.Create(),
        _ => throw new FormatException($"invalid hash algorithm '{algorithm}'"),
    };

    /// <summary>Lower-case hex sha256 of a file (the form indexes and lockfiles use).</summary>
    public static string FileSha256Hex(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
