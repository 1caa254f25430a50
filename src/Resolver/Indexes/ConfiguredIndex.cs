namespace LlmPython.Resolver.Indexes;

/// <summary>A PythonIndex as routing sees it: its URL, its name for <c>Index=</c> pins, and whether it serves only pinned packages.</summary>
public sealed record ConfiguredIndex(string Url, string? Name = null, bool Explicit = false);
