namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// Reads what the project's PyTorch-family <c>PythonPackage</c> items ask for: the one backend (merged <c>Cuda</c>
/// values) and the torch version a pin names, so the resolver layer can fill a <see cref="BackendRequest"/>.
/// </summary>
public static class TorchFamilyRequest
{
    /// <summary>
    /// The exact version a <c>Version</c> value pins: <c>2.4.0</c> or <c>==2.4.0</c> (one clause, no wildcard,
    /// local label dropped); null for ranges, <c>===</c>, several clauses, or nothing.
    /// </summary>
    public static string? PinnedVersion(string? versionSpec)
    {
        if (string.IsNullOrWhiteSpace(versionSpec)) return null;
        var spec = versionSpec.Trim();
        if (spec.Contains(',') || spec.Contains('*') || spec.StartsWith("===", StringComparison.Ordinal)) return null;
        if (spec.StartsWith("==", StringComparison.Ordinal)) spec = spec[2..].Trim();
        else if (!char.IsAsciiDigit(spec[0])) return null;
        return TorchReleaseNumber.TryParse(spec, out _) ? spec.Split('+')[0] : null;
    }

    /// <summary>
    /// A backend request for the packages of one environment: <paramref name="packages"/> are the project's
    /// (name, Version, Cuda) items; only PyTorch-family names count. The torch pin comes from torch itself, else
    /// from a pinned torchvision / torchaudio through the release table.
    /// Throws LLMPY0507 when family packages ask for different backends.
    /// </summary>
    public static BackendRequest Create(
        IEnumerable<(string Name, string? Version, string? Cuda)> packages,
        string projectCuda,
        GpuInfo gpu,
        string platform,
        string pyTorchIndexUrl,
        PyTorchFamilyCatalog? catalog = null)
    {
        catalog ??= new PyTorchFamilyCatalog();
        var family = packages.Where(p => catalog.IsRoutedToBackendIndex(p.Name)).ToList();
        var requested = PyTorchFamilyCatalog.MergeBackendRequests(family.Select(p => (p.Name, p.Cuda)), projectCuda);
        string? torch = null;
        foreach (var (name, version, _) in family)
        {
            var pin = PinnedVersion(version);
            if (pin is null) continue;
            var normalized = PyTorchFamilyCatalog.NormalizeName(name);
            if (normalized == "torch") { torch = pin; break; }
            torch ??= catalog.TorchVersionFor(normalized, pin);
        }
        return new BackendRequest
        {
            Requested = requested,
            Gpu = gpu,
            Platform = platform,
            PyTorchIndexUrl = pyTorchIndexUrl,
            TorchVersion = torch,
        };
    }
}
