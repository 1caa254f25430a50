namespace LlmPython.Resolver.Http;

/// <summary>
/// A fetched text page. <see cref="Url"/> is the final URL after redirects: relative links resolve against it.
/// </summary>
public sealed record HttpPage(Uri Url, string ContentType, string Body, string? ETag, string? LastModified, bool FromCache)
{
    /// <summary>When it was fetched or last confirmed, and until when it may be used unasked; null when not known (revalidate).</summary>
    public HttpFreshness? Freshness { get; init; }
}

/// <summary>
/// Bytes of a ranged GET: <see cref="Partial"/> is false when the server ignored Range and sent everything;
/// <see cref="BodySkipped"/> when that whole body was too large to hold in memory and was not read.
/// </summary>
public sealed record RangeResponse(byte[] Bytes, long Offset, long? TotalLength, bool Partial, bool BodySkipped = false);

/// <summary>Download progress: bytes so far, the total when known, and the average speed.</summary>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes, double BytesPerSecond);
