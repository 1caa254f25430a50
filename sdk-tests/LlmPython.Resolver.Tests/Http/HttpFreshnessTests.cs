using System.Net;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Tests.Http;

/// <summary>RFC 9111 §4.2 freshness of a stored page, computed from a response's headers.</summary>
public class HttpFreshnessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private static HttpResponseMessage Response(HttpStatusCode status = HttpStatusCode.OK, string? cacheControl = null,
        string? expires = null, DateTimeOffset? date = null, int? age = null)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        if (cacheControl is not null) response.Headers.TryAddWithoutValidation("Cache-Control", cacheControl);
        if (expires is not null) response.Content.Headers.TryAddWithoutValidation("Expires", expires);
        response.Headers.Date = date ?? Now;
        if (age is not null) response.Headers.Age = TimeSpan.FromSeconds(age.Value);
        return response;
    }

    private static HttpFreshness Of(HttpResponseMessage response, double requestTookSeconds = 0) =>
        HttpFreshness.FromResponse(response, Now - TimeSpan.FromSeconds(requestTookSeconds), Now);

    [Fact]
    public void Max_age_is_the_lifetime_from_arrival()
    {
        var f = Of(Response(cacheControl: "max-age=600, public"));
        Assert.Equal(Now, f.StoredAt);
        Assert.Equal(Now.AddSeconds(600), f.FreshUntil);
        Assert.True(f.IsFresh(Now.AddSeconds(599)));
        Assert.False(f.IsFresh(Now.AddSeconds(600)));
    }

    [Fact]
    public void Age_and_the_time_the_request_took_are_subtracted()
    {
        Assert.Equal(Now.AddSeconds(600 - 100 - 2), Of(Response(cacheControl: "max-age=600", age: 100), requestTookSeconds: 2).FreshUntil);
        // A Date in the past (the response waited in a cache that sends no Age) counts as age too.
        Assert.Equal(Now.AddSeconds(600 - 30), Of(Response(cacheControl: "max-age=600", date: Now.AddSeconds(-30))).FreshUntil);
    }

    [Fact]
    public void Expires_minus_Date_when_there_is_no_max_age_and_max_age_wins_over_Expires()
    {
        var expires = Now.AddMinutes(5).ToString("R");
        Assert.Equal(Now.AddMinutes(5), Of(Response(expires: expires)).FreshUntil);
        Assert.Equal(Now.AddSeconds(10), Of(Response(cacheControl: "max-age=10", expires: expires)).FreshUntil);
        // An invalid Expires ("0") means already expired.
        Assert.False(Of(Response(expires: "0")).IsFresh(Now));
    }

    [Theory]
    [InlineData("no-cache")]
    [InlineData("no-cache, max-age=600")]
    [InlineData("must-revalidate, max-age=0")]
    [InlineData(null)] // no lifetime given: no heuristic, revalidate
    public void Pages_without_a_lifetime_are_stale_at_once(string? cacheControl)
    {
        var f = Of(Response(cacheControl: cacheControl));
        Assert.False(f.IsFresh(Now));
        Assert.False(f.NoStore);
    }

    [Fact]
    public void No_store_is_reported_and_s_maxage_is_for_shared_caches_only()
    {
        Assert.True(Of(Response(cacheControl: "no-store")).NoStore);
        Assert.Equal(Now.AddSeconds(60), Of(Response(cacheControl: "s-maxage=600, max-age=60")).FreshUntil);
    }

    [Fact]
    public void A_304_without_Cache_Control_keeps_the_stored_directives_with_its_own_Date()
    {
        var stored = Of(Response(cacheControl: "max-age=600"));
        var later = Now.AddHours(1);
        var renewed = HttpFreshness.FromResponse(Response(HttpStatusCode.NotModified, date: later), later, later, stored);
        Assert.Equal(later.AddSeconds(600), renewed.FreshUntil);
        var changed = HttpFreshness.FromResponse(Response(HttpStatusCode.NotModified, cacheControl: "max-age=5", date: later), later, later, stored);
        Assert.Equal(later.AddSeconds(5), changed.FreshUntil);
    }
}
