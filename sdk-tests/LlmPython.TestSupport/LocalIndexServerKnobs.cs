namespace LlmPython.TestSupport;

/// <summary>How links to files are written in simple pages.</summary>
public enum LocalIndexLinkStyle
{
    /// <summary><c>../../packages/foo-1.0.whl</c> (PyTorch-style relative links).</summary>
    Relative,
    /// <summary><c>http://127.0.0.1:port/packages/foo-1.0.whl</c> (PyPI-style absolute links).</summary>
    Absolute,
    /// <summary><c>/packages/foo-1.0.whl</c>.</summary>
    RootRelative,
    /// <summary>A <c>&lt;base href&gt;</c> pointing at the files folder and bare file names as links.</summary>
    BaseHref,
}

/// <summary>What an injected failure does to a request.</summary>
public enum LocalIndexFailure
{
    /// <summary>HTTP 500.</summary>
    ServerError,
    /// <summary>HTTP 503.</summary>
    ServiceUnavailable,
    /// <summary>The connection is aborted without a response.</summary>
    ConnectionReset,
    /// <summary>HTTP 404 (e.g. a metadata file that disappeared).</summary>
    NotFound,
    /// <summary>HTTP 429 with <c>Retry-After: 1</c>.</summary>
    TooManyRequests,
    /// <summary>Headers (with the full Content-Length) and the first half of the body, then the connection is aborted.</summary>
    ResetMidBody,
    /// <summary>Headers and the first half of the body, then silence until the client gives up.</summary>
    StallMidBody,
}

/// <summary>One request as the server saw it (path is percent-decoded: '%2B' appears as '+').</summary>
public sealed record LocalIndexRequest(string Method, string Path, string? Range, string? Accept, bool HasAuthorization, string? IfNoneMatch, string? IfRange = null);
