using System.Security.Cryptography;
using System.Text.Json;

namespace LlmPython.Resolver.Indexes;

/// <summary>
/// A download in progress in the cache's staging area (<c>staging/&lt;sha256&gt;.part</c>): the bytes received so
/// far, the validator (strong ETag or Last-Modified) that proves they belong to the file a Range request would
/// continue (<c>.part.json</c>), and their running sha256. Never a cache entry: it is filed only after the whole
/// file's hash is verified. Only the holder of the entry's cache lock touches it, so a build killed mid-download
/// leaves it for the next build to resume.
/// </summary>
internal sealed class PartialDownload : IDisposable
{
    private const string ValidatorSuffix = ".json";
    private IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    private PartialDownload(string path) { Path = path; }

    public string Path { get; }
    /// <summary>Bytes of the file held (and hashed) so far.</summary>
    public long Length { get; private set; }
    /// <summary>If-Range value for a resume; null when the bytes held cannot be continued.</summary>
    public string? Validator { get; private set; }
    /// <summary>Bytes that came from an earlier build or try rather than from this one's transfer.</summary>
    public long ResumedFrom { get; private set; }

    public bool CanResume => Validator is not null && Length > 0;

    /// <summary>Where the staged bytes of <paramref name="key"/> live.</summary>
    public static string PathFor(string staging, string key) => System.IO.Path.Combine(staging, key + ".part");

    /// <summary>Opens the staged bytes of <paramref name="key"/> in <paramref name="staging"/> (hashing what an earlier build left), or an empty one.</summary>
    public static PartialDownload Open(string staging, string key)
    {
        Directory.CreateDirectory(staging);
        var partial = new PartialDownload(PathFor(staging, key));
        var state = partial.ReadValidator();
        if (state is not null && File.Exists(partial.Path))
        {
            using var existing = new FileStream(partial.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            var buffer = new byte[1 << 20];
            int read;
            while ((read = existing.Read(buffer, 0, buffer.Length)) > 0)
                partial._sha.AppendData(buffer, 0, read);
            partial.Length = existing.Length;
            partial.Validator = state;
            partial.ResumedFrom = existing.Length;
        }
        else
        {
            partial.Delete();
        }
        return partial;
    }

    /// <summary>Starts the file over (a 200 answer, a changed file): empties it and records the new validator.</summary>
    public void Restart(string? validator)
    {
        _sha.Dispose();
        _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Length = 0;
        ResumedFrom = 0;
        Validator = validator;
        using (new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None)) { }
        if (validator is null)
            File.Delete(Path + ValidatorSuffix);
        else
            File.WriteAllText(Path + ValidatorSuffix, JsonSerializer.Serialize(new State(validator)));
    }

    /// <summary>
    /// Appends a body to the staged bytes, hashing as it writes; <paramref name="onBytes"/> sees the new length.
    /// Bytes count only once written, so a failed try leaves file, length and hash consistent (a stray tail is cut).
    /// </summary>
    public async Task AppendAsync(Stream body, Action<long> onBytes, CancellationToken ct)
    {
        var buffer = new byte[128 * 1024];
        await using var output = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1, useAsync: true);
        if (output.Length != Length) output.SetLength(Length);
        output.Position = Length;
        int read;
        while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            _sha.AppendData(buffer, 0, read);
            Length += read;
            onBytes(Length);
        }
    }

    /// <summary>Lower-case hex sha256 of the bytes held.</summary>
    public string Sha256() => Convert.ToHexString(_sha.GetCurrentHash()).ToLowerInvariant();

    /// <summary>Hands the finished file to the cache (a rename within the cache folder) and forgets its validator.</summary>
    public void MoveTo(string destination)
    {
        File.Move(Path, destination);
        File.Delete(Path + ValidatorSuffix);
    }

    /// <summary>Drops the staged bytes (bad hash, or no way to resume them).</summary>
    public void Delete()
    {
        File.Delete(Path);
        File.Delete(Path + ValidatorSuffix);
        Length = 0;
        Validator = null;
    }

    public void Dispose() => _sha.Dispose();

    private string? ReadValidator()
    {
        try
        {
            return File.Exists(Path + ValidatorSuffix) ? JsonSerializer.Deserialize<State>(File.ReadAllText(Path + ValidatorSuffix))?.Validator : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    private sealed record State(string Validator);
}
