namespace LlmPython.TestSupport;

/// <summary>One request as nginx logged it (<see cref="NginxServer.Requests"/>): one line per response, also an aborted one.</summary>
/// <param name="Path">The request URI, percent-decoded (query included).</param>
/// <param name="Range">The request's <c>Range</c> header, null when absent.</param>
/// <param name="IfRange">The request's <c>If-Range</c> header, null when absent.</param>
/// <param name="BodyBytes">Body bytes sent (headers not counted).</param>
/// <param name="CacheStatus">A proxy's <c>$upstream_cache_status</c> (HIT, MISS, EXPIRED, STALE, UPDATING, REVALIDATED, …), null when not proxied.</param>
public sealed record NginxRequest(string Method, string Path, int Status, string? Range, string? IfRange, long BodyBytes, string? CacheStatus);
