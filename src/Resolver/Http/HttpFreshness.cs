using System.Net.Http.Headers;

namespace LlmPython.Resolver.Http;

/// <summary>
/// How long a stored page may be used without asking the server (RFC 9111 §4.2, as a private cache computes it):
/// the freshness lifetime from <c>Cache-Control: max-age</c>, else <c>Expires</c> − <c>Date</c>, minus the age the
/// response already had (<c>Age</c>, or <c>Date</c> against the local clock, plus the time the request took).
/// <c>no-cache</c> means a lifetime of 0 (revalidate every time); <c>no-store</c> means the page is never stored.
/// No lifetime given means 0 too: no heuristic freshness, a page without one is revalidated each time it is needed.
/// A stale page is never used while online, so <c>must-revalidate</c> holds by construction.
/// </summary>
/// <param name="StoredAt">When the response (or the 304 that last confirmed it) arrived.</param>
/// <param name="FreshUntil">Until when it may be used without a request.</param>
/// <param name="CacheControl">The stored <c>Cache-Control</c> value; a 304 without one keeps it (§4.3.4).</param>
/// <param name="Expires">The stored <c>Expires</c> value, likewise.</param>
public sealed record HttpFreshness(DateTimeOffset StoredAt, DateTimeOffset FreshUntil, string? CacheControl, string? Expires)
{
    /// <summary>Whether the page may be served from the cache at <paramref name="now"/> without a request.</summary>
    public bool IsFresh(DateTimeOffset now) => now < FreshUntil;

    /// <summary>True when the server said <c>no-store</c>: the response must not be kept.</summary>
    public bool NoStore => Directives(CacheControl)?.NoStore == true;

    /// <summary>
    /// The freshness of a response that arrived at <paramref name="responseTime"/> for a request sent at
    /// <paramref name="requestTime"/>. For a 304, <paramref name="stored"/> supplies the directives the 304 does not repeat.
    /// </summary>
    public static HttpFreshness FromResponse(HttpResponseMessage response, DateTimeOffset requestTime, DateTimeOffset responseTime, HttpFreshness? stored = null)
    {
        var cacheControl = response.Headers.TryGetValues("Cache-Control", out var cc) ? string.Join(", ", cc) : stored?.CacheControl;
        var expires = response.Content.Headers.TryGetValues("Expires", out var ex) ? string.Join(", ", ex)
            : response.Headers.TryGetValues("Expires", out var exh) ? string.Join(", ", exh) : stored?.Expires;
        var date = response.Headers.Date ?? responseTime;
        var lifetime = Lifetime(Directives(cacheControl), expires, date);
        // §4.2.3: the age the response already had when it arrived.
        var apparentAge = Max(TimeSpan.Zero, responseTime - date);
        var correctedAge = (response.Headers.Age ?? TimeSpan.Zero) + (responseTime - requestTime);
        var initialAge = Max(apparentAge, correctedAge);
        return new HttpFreshness(responseTime, responseTime + lifetime - initialAge, cacheControl, expires);
    }

    private static TimeSpan Lifetime(CacheControlHeaderValue? directives, string? expires, DateTimeOffset date)
    {
        if (directives is { NoCache: true } or { NoStore: true })
            return TimeSpan.Zero;
        // A private cache ignores s-maxage (§5.2.2.10); max-age wins over Expires (§5.3).
        if (directives?.MaxAge is { } maxAge)
            return maxAge;
        if (expires is null)
            return TimeSpan.Zero;
        // An invalid Expires ("0", "-1") means already expired (§5.3).
        return DateTimeOffset.TryParse(expires, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? Max(TimeSpan.Zero, at - date) : TimeSpan.Zero;
    }

    private static CacheControlHeaderValue? Directives(string? value) =>
        value is not null && CacheControlHeaderValue.TryParse(value, out var parsed) ? parsed : null;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
