using System.Text.RegularExpressions;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// The PyTorch family: which packages are served from the backend index together with torch, and
/// which torchvision / torchaudio release belongs to a torch release.
/// </summary>
public sealed partial class PyTorchFamilyCatalog
{
    private readonly AcceleratorData _data;

    public PyTorchFamilyCatalog(AcceleratorData? data = null) => _data = data ?? AcceleratorData.Default;

    /// <summary>PEP 503 normalization (own copy so table lookups need nothing else): lower case, runs of -_. → "-".</summary>
    public static string NormalizeName(string name) => Requirements.PackageName.Normalize(name.Trim());

    /// <summary>True when the package comes from <c>$(PyTorchIndexUrl)/&lt;backend&gt;/</c> (routed_with_pytorch_source = yes).</summary>
    public bool IsRoutedToBackendIndex(string packageName) =>
        _data.FindPackageRoute(packageName)?.RoutedWithPyTorchSource == true;

    /// <summary>The names routed to the backend index, normalized and sorted.</summary>
    public IReadOnlyList<string> RoutedPackageNames =>
        _data.PackageRoutes.Where(r => r.RoutedWithPyTorchSource).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>The same names as a set (what an index router takes).</summary>
    public IReadOnlySet<string> RoutedPackageNameSet => RoutedPackageNames.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The release of <paramref name="companion"/> (torchvision or torchaudio) built with torch
    /// <paramref name="torchVersion"/> (<c>2.4.0</c> → torchvision <c>0.19.0</c>); null when the table has no such
    /// pairing (unknown torch, no torchaudio after 2.11, or a name that is not paired).
    /// </summary>
    public string? PairedVersion(string companion, string torchVersion)
    {
        var release = _data.FindTorchRelease(torchVersion);
        if (release is null) return null;
        return NormalizeName(companion) switch
        {
            "torchvision" => release.Torchvision,
            "torchaudio" => release.Torchaudio,
            "torch" => release.TorchVersion,
            _ => null,
        };
    }

    /// <summary>
    /// The torch release a torchvision or torchaudio version belongs to (torchvision <c>0.19.1</c> → <c>2.4.1</c>);
    /// null when unknown. torchaudio 2.0.1 → torch 2.0.0 (pip's pairing).
    /// </summary>
    public string? TorchVersionFor(string companion, string companionVersion)
    {
        if (!TorchReleaseNumber.TryParse(companionVersion, out var wanted)) return null;
        var normalized = NormalizeName(companion);
        foreach (var r in _data.TorchReleases)
        {
            var paired = normalized switch
            {
                "torchvision" => r.Torchvision,
                "torchaudio" => r.Torchaudio,
                _ => null,
            };
            if (paired is not null && TorchReleaseNumber.TryParse(paired, out var p) && p.Equals(wanted)) return r.TorchVersion;
        }
        return null;
    }

    /// <summary>
    /// The one backend request of an environment from the <c>Cuda</c> values of its PyTorch-family packages
    /// (null/empty = the project default): every explicit value must agree; <c>auto</c> yields to an explicit one.
    /// Throws <see cref="LlmPyException"/> (LLMPY0507) naming the packages when two explicit values differ.
    /// </summary>
    public static string MergeBackendRequests(IEnumerable<(string Package, string? Cuda)> requests, string projectDefault = "auto")
    {
        string? chosen = null;
        string? chosenBy = null;
        foreach (var (package, cuda) in requests)
        {
            var value = string.IsNullOrWhiteSpace(cuda) ? projectDefault : cuda.Trim().ToLowerInvariant();
            if (value == "auto") continue;
            if (chosen is null) { chosen = value; chosenBy = package; continue; }
            if (chosen != value)
                throw new LlmPyException(DiagnosticCodes.Accelerators.ConflictingBackends,
                    $"PyTorch-family packages must come from one backend index, but {chosenBy} asks for Cuda=\"{chosen}\" and {package} asks for Cuda=\"{value}\". Give them the same Cuda value (or leave Cuda on one of them).")
                { PackageName = package };
        }
        return chosen ?? (string.IsNullOrWhiteSpace(projectDefault) ? "auto" : projectDefault.Trim().ToLowerInvariant());
    }

}
