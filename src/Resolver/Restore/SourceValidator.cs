using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// Checks where packages come from before any of them is asked: PythonIndex / PythonFindLinks items and the
/// PythonIndexUrl / PyTorchIndexUrl properties must be http(s) or file URLs, or paths (LLMPY0030). A missing
/// local folder is reported by the source that reads it (LLMPY0305), with the folder it looked in.
/// </summary>
internal static class SourceValidator
{
    public static void CheckSources(RestoreRequest request)
    {
        Check(request.PythonIndexUrl, "PythonIndexUrl", request.ProjectPath);
        Check(request.PyTorchIndexUrl, "PyTorchIndexUrl", request.ProjectPath);
        foreach (var index in request.Indexes)
            Check(index.Url, "PythonIndex", request.ProjectPath);
        foreach (var location in request.FindLinks)
            Check(location, "PythonFindLinks", request.ProjectPath);
    }

    private static void Check(string location, string what, string project)
    {
        // Anything with a scheme is a URL; everything else is a path (the tasks made it absolute).
        if (!location.Contains("://", StringComparison.Ordinal))
            return;
        if (Uri.TryCreate(location.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "file" && (url.IsFile || url.Host.Length > 0))
            return;
        throw new LlmPyException(DiagnosticCodes.Http.UnsupportedUrl,
            $"{what} '{location}' is not an http(s) or file URL. Write a URL such as https://pypi.example.com/simple, or the path of a local folder, in {project}.");
    }
}
