namespace LlmPython.Resolver.Indexes;

/// <summary>Inputs of index routing, taken from the project's items and properties.</summary>
public sealed record IndexRoutingOptions
{
    /// <summary>PythonIndexUrl.</summary>
    public string DefaultIndexUrl { get; init; } = "https://pypi.org/simple";
    /// <summary>PythonIndex items in declaration order.</summary>
    public IReadOnlyList<ConfiguredIndex> Indexes { get; init; } = [];
    /// <summary>PythonFindLinks items in declaration order.</summary>
    public IReadOnlyList<string> FindLinks { get; init; } = [];
    /// <summary>Package name → PythonIndex Name (<c>Index=</c> metadata).</summary>
    public IReadOnlyDictionary<string, string> IndexPins { get; init; } = new Dictionary<string, string>();
    /// <summary>The chosen backend's index (<c>$(PyTorchIndexUrl)/cu118/</c>), or null: PyTorch-family names then use the ordinary indexes.</summary>
    public string? PyTorchBackendIndexUrl { get; init; }
    /// <summary>Names routed to <see cref="PyTorchBackendIndexUrl"/> (see <see cref="PyTorchFamily"/>).</summary>
    public IReadOnlySet<string> PyTorchFamily { get; init; } = new HashSet<string>();
    /// <summary>Folder that relative find-links paths are relative to (the project folder).</summary>
    public string? BaseDirectory { get; init; }
}
