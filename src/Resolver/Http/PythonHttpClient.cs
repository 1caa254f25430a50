using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Http;

/// <summary>
/// HTTP for indexes and downloads: bounded parallelism, retries with backoff and jitter on transient
/// failures, redirects followed with per-host credentials, index pages cached per their Cache-Control
/// (fresh ones used unasked, stale ones revalidated), offline mode. Every message names URLs without credentials.
/// </summary>
public sealed class PythonHttpClient
{
    private const int MaxRedirects = 10;
    /// <summary>Where the credentials of a request came from, so a 401 can say which ones were refused.</summary>
    private static readonly HttpRequestOptionsKey<string> CredentialSourceKey = new("LlmPython.CredentialSource");
    private readonly HttpClient _client;
    private readonly SemaphoreSlim _slots;
    private readonly HttpPageCache? _pages;
    private readonly Random _jitter = new();
    private readonly object _expiryGate = new();
    private DateTimeOffset? _earliestExpiry;

    public PythonHttpClient(HttpSettings? settings = null, HttpClient? client = null)
    {
        Settings = settings ?? new HttpSettings();
        _client = client ?? SharedHttp.Client;
        _slots = new SemaphoreSlim(Math.Max(1, Settings.MaxParallelRequests));
        _pages = Settings.Cache is null ? null : new HttpPageCache(Settings.Cache);
    }

    public HttpSettings Settings { get; }
    public bool Offline => Settings.Offline;

    /// <summary>
    /// Sends a request (GET unless <paramref name="configure"/> changes it, once per try) and hands the response to
    /// <paramref name="read"/>, retrying the whole exchange on 5xx/408/429 (honouring Retry-After), stalls and
    /// connection resets (also when they happen while <paramref name="read"/> streams the body). A try fails when
    /// headers or body bytes stop arriving for <see cref="RetryPolicy.ReadTimeout"/>; a transfer has no total limit.
    /// Other statuses reach <paramref name="read"/>. After the last try: <see cref="DiagnosticCodes.Http.TransferStalled"/>
    /// (stalls) or <see cref="DiagnosticCodes.Http.RequestFailed"/>.
    /// </summary>
    public async Task<T> SendAsync<T>(Uri url, Action<HttpRequestMessage>? configure,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        url = Settings.Credentials.Register(url);
        CheckScheme(url);
        if (Offline)
            throw new LlmPyException(DiagnosticCodes.Http.OfflineNotCached,
                $"{UrlRedaction.Redact(url)} is needed but PythonOffline is true and it is not in the cache. Run one restore online, or set PythonOffline=false.");

        var policy = Settings.Retry;
        var lastError = "";
        var stalled = false;
        var failuresWithoutProgress = 0;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            ReadTimeoutStream? body = null;
            var answered = false;
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // One timer per try, re-armed by every byte: it fires only when the server goes quiet.
                using var readTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                readTimer.CancelAfter(policy.ReadTimeout);
                using var response = await SendFollowingRedirectsAsync(url, configure, readTimer.Token).ConfigureAwait(false);
                answered = true;
                stalled = false;
                if (IsTransient(response.StatusCode))
                {
                    lastError = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                    retryAfter = RetryAfter(response);
                }
                else
                {
                    readTimer.CancelAfter(policy.ReadTimeout);
                    body = await WatchBodyAsync(response, readTimer, policy.ReadTimeout).ConfigureAwait(false);
                    return await read(response, readTimer.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                stalled = true;
                lastError = answered
                    ? $"no data for {policy.ReadTimeout.TotalSeconds:0.#} s after {body?.BytesRead ?? 0} bytes of the body"
                    : $"no response within {policy.ReadTimeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException e)
            {
                lastError = UrlRedaction.Redact(e.Message);
            }
            catch (IOException e) when (e is HttpIOException || e.InnerException is SocketException)
            {
                lastError = UrlRedaction.Redact(e.Message);
            }
            finally
            {
                _slots.Release();
            }

            // Only tries that brought nothing count: a long download cut now and then still finishes.
            failuresWithoutProgress = body is { BytesRead: > 0 } ? 0 : failuresWithoutProgress + 1;
            if (failuresWithoutProgress >= policy.MaxAttempts || attempt >= policy.MaxAttempts + policy.MaxTriesWithProgress)
                throw stalled
                    ? new LlmPyException(DiagnosticCodes.Http.TransferStalled,
                        $"GET {UrlRedaction.Redact(url)} failed after {attempt} tries: {lastError}. The server or the network stopped sending; check the connection and proxy, " +
                        $"or raise PythonHttpTimeout (now {policy.ReadTimeout.TotalSeconds:0.#} s) for a link that pauses longer. Set PythonOffline=true to build from the cache.")
                    : new LlmPyException(DiagnosticCodes.Http.RequestFailed,
                        $"GET {UrlRedaction.Redact(url)} failed after {attempt} tries: {lastError}. Check the network, proxy and index URL; set PythonOffline=true to build from the cache.");
            var delay = policy.DelayBefore(failuresWithoutProgress, _jitter);
            if (retryAfter is { } asked && asked > delay)
                delay = asked < policy.MaxRetryAfter ? asked : policy.MaxRetryAfter;
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait a 429/503 asks for (Retry-After as seconds or as a date), if any.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Puts the body behind a <see cref="ReadTimeoutStream"/> so every reader gets the read timeout, not a total one.</summary>
    private static async Task<ReadTimeoutStream> WatchBodyAsync(HttpResponseMessage response, CancellationTokenSource readTimer, TimeSpan readTimeout)
    {
        var original = response.Content;
        var stream = await original.ReadAsStreamAsync(readTimer.Token).ConfigureAwait(false);
        var watched = new ReadTimeoutStream(stream, readTimer, readTimeout, original);
        var content = new StreamContent(watched, 128 * 1024);
        foreach (var header in original.Headers)
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = content;
        return watched;
    }

    /// <summary>
    /// A text page (index or find-links). A cached page that is still fresh (<see cref="HttpFreshness"/>) is used with
    /// no request; a stale one is revalidated with If-None-Match / If-Modified-Since. The request is made under the
    /// page's cache lock, so parallel restores (other projects of a <c>-m</c> build) wait and take the page one of them
    /// fetched. Null for 404/410. Offline: the cached copy, or <see cref="DiagnosticCodes.Http.OfflineNotCached"/>.
    /// </summary>
    public async Task<HttpPage?> GetPageAsync(Uri url, string accept, CancellationToken cancellationToken = default)
    {
        url = Settings.Credentials.Register(url);
        if (_pages is null)
            return Seen(await FetchPageAsync(url, accept, null, cancellationToken).ConfigureAwait(false)).Page;
        var key = HttpPageCache.Key(url, accept);
        var cached = _pages.TryRead(key);
        if (Offline)
        {
            if (cached is null)
                throw new LlmPyException(DiagnosticCodes.Http.OfflineNotCached,
                    $"The index page {UrlRedaction.Redact(url)} is not in the cache and PythonOffline is true. Run one restore online, or set PythonOffline=false.");
            return cached.Page;
        }
        if (UsableUnasked(cached))
            return Seen(cached!).Page;

        using var entry = await _pages.Store.LockAsync(HttpPageCache.Bucket, key, cancellationToken).ConfigureAwait(false);
        cached = _pages.TryRead(key); // another process may have fetched it while this one waited for the lock
        if (UsableUnasked(cached))
            return Seen(cached!).Page;
        var fetched = await FetchPageAsync(url, accept, cached, cancellationToken).ConfigureAwait(false);
        if (fetched.Freshness!.NoStore)
            entry.Remove();
        else
            await HttpPageCache.WriteAsync(entry, fetched.Page, fetched.Freshness, cancellationToken).ConfigureAwait(false);
        return Seen(fetched).Page;
    }

    /// <summary>
    /// The earliest time a page this client served stops being fresh (null before the first page): a result computed
    /// from these pages is as fresh as the stalest of them.
    /// </summary>
    public DateTimeOffset? EarliestPageExpiry
    {
        get { lock (_expiryGate) return _earliestExpiry; }
    }

    private HttpPageCache.Entry Seen(HttpPageCache.Entry entry)
    {
        var until = entry.Freshness?.FreshUntil ?? DateTimeOffset.MinValue;
        lock (_expiryGate)
            if (_earliestExpiry is null || until < _earliestExpiry) _earliestExpiry = until;
        return entry;
    }

    // Fresh, and (PythonRefresh) confirmed since the refresh began.
    private bool UsableUnasked(HttpPageCache.Entry? cached) =>
        cached?.Freshness is { } freshness && freshness.IsFresh(DateTimeOffset.UtcNow)
        && (Settings.RefreshSince is not { } since || freshness.StoredAt >= since);

    private Task<HttpPageCache.Entry> FetchPageAsync(Uri url, string accept, HttpPageCache.Entry? cached, CancellationToken cancellationToken)
    {
        var requested = DateTimeOffset.UtcNow;
        return SendAsync(url, request =>
        {
            requested = DateTimeOffset.UtcNow;
            request.Headers.Accept.ParseAdd(accept);
            if (cached?.Page is { } page)
            {
                if (page.ETag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", page.ETag);
                if (page.LastModified is not null) request.Headers.TryAddWithoutValidation("If-Modified-Since", page.LastModified);
            }
        }, async (response, ct) =>
        {
            if (response.StatusCode == HttpStatusCode.NotModified && cached?.Page is { } unchanged)
            {
                // §4.3.4: the 304's headers update the stored ones (a new max-age, Date, Age).
                var renewed = HttpFreshness.FromResponse(response, requested, DateTimeOffset.UtcNow, cached.Freshness);
                return new HttpPageCache.Entry(unchanged with { FromCache = true, Url = FinalUrl(response, url), Freshness = renewed }, renewed);
            }
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                return new HttpPageCache.Entry(null, HttpFreshness.FromResponse(response, requested, DateTimeOffset.UtcNow));
            EnsureSuccess(response, url);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var freshness = HttpFreshness.FromResponse(response, requested, DateTimeOffset.UtcNow);
            var page = new HttpPage(FinalUrl(response, url), response.Content.Headers.ContentType?.MediaType ?? "text/html", body,
                response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), FromCache: false) { Freshness = freshness };
            return new HttpPageCache.Entry(page, freshness);
        }, cancellationToken);
    }

    /// <summary>A whole small file (e.g. a PEP 658 .metadata file), or null for 404/410.</summary>
    public Task<byte[]?> GetBytesAsync(Uri url, CancellationToken cancellationToken = default) =>
        SendAsync(url, null, async (response, ct) =>
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                return null;
            EnsureSuccess(response, url);
            return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Bytes [<paramref name="from"/>, <paramref name="to"/>] of a file, or its last <paramref name="suffixLength"/>
    /// bytes when <paramref name="from"/> is null. A server that ignores Range answers with the whole file
    /// (<see cref="RangeResponse.Partial"/> false). Null when the server answers 416.
    /// </summary>
    public Task<RangeResponse?> GetRangeAsync(Uri url, long? from, long? to, long suffixLength = 0, CancellationToken cancellationToken = default) =>
        SendAsync(url, request =>
        {
            request.Headers.Range = from is null ? new RangeHeaderValue(null, suffixLength) : new RangeHeaderValue(from, to);
            // Ranges are byte offsets of the stored file: never let a proxy or server re-encode it.
            request.Headers.AcceptEncoding.Clear();
            request.Headers.AcceptEncoding.ParseAdd("identity");
        }, async (response, ct) =>
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                return null;
            EnsureSuccess(response, url);
            if (response.StatusCode != HttpStatusCode.PartialContent && response.Content.Headers.ContentLength is { } length && length > Settings.MaxUnrangedBody)
                return new RangeResponse([], 0, length, Partial: false, BodySkipped: true); // stream it to disk instead
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange is { From: { } start } range)
                return new RangeResponse(bytes, start, range.Length, Partial: true);
            return new RangeResponse(bytes, 0, bytes.Length, Partial: false);
        }, cancellationToken);

    /// <summary>Throws <see cref="DiagnosticCodes.Http.RequestRefused"/> for a non-success status, naming the URL without credentials.</summary>
    public static void EnsureSuccess(HttpResponseMessage response, Uri url)
    {
        if (response.IsSuccessStatusCode) return;
        var code = (int)response.StatusCode;
        var sentFrom = response.RequestMessage is { } sent && sent.Headers.Authorization is not null
            && sent.Options.TryGetValue(CredentialSourceKey, out var source) ? source : null;
        var advice = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized when sentFrom is not null =>
                $"The credentials from {sentFrom} were refused: check the user name and token, and that they may read this index.",
            HttpStatusCode.Unauthorized => "Give credentials for this index: in a NuGet.Config <packageSourceCredentials> entry keyed by the PythonIndex Name (or a <packageSources> entry whose URL is a prefix of the index URL), " +
                "in LLMPYTHON_INDEX_<HOST>_USERNAME/_PASSWORD (or LLMPYTHON_INDEX_USERNAME/_PASSWORD), or in the index URL (https://user:token@host/…).",
            HttpStatusCode.Forbidden => "The credentials were refused: check the user and token, and that they may read this index.",
            _ => "Check the URL and that the server is a package index.",
        };
        throw new LlmPyException(DiagnosticCodes.Http.RequestRefused,
            $"GET {UrlRedaction.Redact(url)} was answered HTTP {code} {response.ReasonPhrase}. {advice}");
    }

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(Uri url, Action<HttpRequestMessage>? configure, CancellationToken ct)
    {
        var current = url;
        var challenged = false;
        for (var hop = 0; ; hop++)
        {
            var credentials = Settings.Credentials.Preemptive(current);
            var response = await SendOnceAsync(current, configure, credentials, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && !challenged
                && Settings.Credentials.AfterChallenge(current) is { } retry && retry != credentials)
            {
                challenged = true;
                response.Dispose();
                response = await SendOnceAsync(current, configure, retry, ct).ConfigureAwait(false);
            }
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
                return response;
            response.Dispose();
            if (hop >= MaxRedirects)
                throw new HttpRequestException($"more than {MaxRedirects} redirects");
            current = location.IsAbsoluteUri ? location : new Uri(current, location);
            CheckScheme(current);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Uri url, Action<HttpRequestMessage>? configure, HttpCredentials? credentials, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure?.Invoke(request);
        if (credentials is not null && request.Headers.Authorization is null)
        {
            request.Headers.Authorization = credentials.ToHeader();
            request.Options.Set(CredentialSourceKey, credentials.Source ?? "configured credentials");
        }
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
    }

    private static Uri FinalUrl(HttpResponseMessage response, Uri requested) => response.RequestMessage?.RequestUri ?? requested;

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static void CheckScheme(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            throw new LlmPyException(DiagnosticCodes.Http.UnsupportedUrl,
                $"'{UrlRedaction.Redact(url)}' is not an http(s) URL. Index and find-links URLs must be http:// or https:// (find-links may also be a local folder).");
    }
}
