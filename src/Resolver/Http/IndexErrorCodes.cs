namespace LlmPython.Resolver.Http;

/// <summary>
/// LLMPY codes of the HTTP layer, package indexes and find-links (0300–0399) and of downloads and
/// their hashes (0710–0729; 0700–0709 belong to the cache store, see CacheErrorCodes).
/// </summary>
public static class IndexErrorCodes
{
    /// <summary>A request still failed (5xx, timeout, connection reset) after every retry.</summary>
    public const string RequestFailed = "LLMPY0300";

    /// <summary>A server refused a request (401/403 or another 4xx that retrying cannot fix).</summary>
    public const string RequestRefused = "LLMPY0301";

    /// <summary>Offline mode: a page or metadata file is not in the cache.</summary>
    public const string OfflineNotCached = "LLMPY0302";

    /// <summary>An index page (PEP 503 HTML / PEP 691 JSON) or find-links page cannot be parsed.</summary>
    public const string MalformedPage = "LLMPY0303";

    /// <summary>Retired (not raised): an unknown <c>Index=</c> name is LLMPY0004.</summary>
    public const string UnknownIndexName = "LLMPY0304";

    /// <summary>A find-links folder or a local wheel path does not exist.</summary>
    public const string LocalSourceMissing = "LLMPY0305";

    /// <summary>A wheel has no readable .dist-info/METADATA (by metadata file, range requests or download).</summary>
    public const string MetadataUnavailable = "LLMPY0306";

    /// <summary>An index or file URL is not http(s) or file.</summary>
    public const string UnsupportedUrl = "LLMPY0307";

    /// <summary>The NuGet.Config password for a private index is encrypted and cannot be decrypted here (not Windows, or another user).</summary>
    public const string NuGetConfigPasswordEncrypted = "LLMPY0308";

    /// <summary>A NuGet.Config file (or RestoreConfigFile) cannot be read or parsed while looking up index credentials.</summary>
    public const string NuGetConfigUnreadable = "LLMPY0309";

    /// <summary>A request stalled after every retry: no response headers, or no body bytes, for PythonHttpTimeout seconds.</summary>
    public const string TransferStalled = "LLMPY0310";

    /// <summary>PythonHttpTimeout is not a positive number of seconds.</summary>
    public const string InvalidHttpTimeout = "LLMPY0311";

    /// <summary>A downloaded file's sha256 differs from the hash the index or lockfile advertises.</summary>
    public const string DownloadHashMismatch = "LLMPY0710";

    /// <summary>A PEP 658 .metadata file's hash differs from the one its index advertises.</summary>
    public const string MetadataHashMismatch = "LLMPY0711";

    /// <summary>Offline mode: a wheel is not in the cache.</summary>
    public const string OfflineWheelNotCached = "LLMPY0712";

    /// <summary>A download ended with fewer or more bytes than the server announced.</summary>
    public const string DownloadTruncated = "LLMPY0713";

    /// <summary>A wheel download failed after every retry; names the bytes received and whether the next build resumes them.</summary>
    public const string DownloadFailed = "LLMPY0720";
}
