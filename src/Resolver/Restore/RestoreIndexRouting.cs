using LlmPython.Resolver.Indexes;

namespace LlmPython.Resolver.Restore;

/// <summary>What index routing needs from a restore request (the index layer does not know the request).</summary>
internal static class RestoreIndexRouting
{
    /// <summary>
    /// The routing inputs of a restore: its indexes, find-links and the Index= pins of its validated roots, plus the
    /// chosen PyTorch backend index (<c>BackendSelector.IndexUrlFor</c>) and family names.
    /// </summary>
    public static IndexRoutingOptions Options(RestoreRequest request, IEnumerable<RootRequirement> roots,
        string? pyTorchBackendIndexUrl, IReadOnlySet<string> pyTorchFamily) => new()
    {
        DefaultIndexUrl = request.PythonIndexUrl,
        Indexes = request.Indexes.Select(i => new ConfiguredIndex(i.Url, i.Name, i.Explicit)).ToList(),
        FindLinks = request.FindLinks,
        IndexPins = roots.Where(r => r.IndexName is not null).ToDictionary(r => r.Name.Value, r => r.IndexName!, StringComparer.Ordinal),
        PyTorchBackendIndexUrl = pyTorchBackendIndexUrl,
        PyTorchFamily = pyTorchFamily,
        BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(request.ProjectPath)),
    };
}
