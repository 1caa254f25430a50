using System.Text;
using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Distributions;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// For PythonWhy: when the locked file of a package is a build variant (<c>+cu123torch2.4cxx11abiFALSE</c>), which file was
/// chosen for this environment and, per other wheel of that version, which part (CUDA, torch, C++ ABI) did not match.
/// </summary>
internal static class BuildVariantReport
{
    public static async Task<string?> DescribeAsync(RestoreSession session, IRestoreLog log, LockedEnvironment environment, string package, CancellationToken cancellationToken)
    {
        var name = PackageName.IsValid(package) ? PackageName.Normalize(package) : package;
        if (environment.Find(name) is not { } locked || !WheelFileName.TryParse(locked.FileName, out var wheel)
            || BuildVariantLabel.OfWheel(wheel) is not { } label)
            return null;
        var backendUrl = environment.Backend is { } b ? BackendSelector.IndexUrlFor(session.Request.PyTorchIndexUrl, b) : null;
        var source = new LockResolver(session, log).CreateSource(environment.Backend, backendUrl);
        var candidates = await source.GetVersionsAsync(PackageName.Parse(name), cancellationToken).ConfigureAwait(false) ?? [];
        var candidate = candidates.FirstOrDefault(c => c.Version.ToString() == locked.Version);
        var torch = environment.Find("torch")?.Version;
        var text = new StringBuilder($"{name} {locked.Version} installs {locked.FileName} ({label}): it fits the backend {environment.Backend ?? "(none: torch from PyPI)"}")
            .Append(torch is null ? "." : $" and torch {torch}.");
        if (candidate is null) return text.ToString();
        var distribution = (IndexDistribution)candidate.Distribution!;
        var otherTorch = distribution.TorchVariants.Where(v => v.File.FileName != locked.FileName && torch is not null
            && !v.TorchMinors.Contains(TorchMinor(torch))).Select(v => v.File.FileName).ToList();
        if (candidate.RejectedFiles.Count > 0 || otherTorch.Count > 0)
            text.Append($"\nOther wheels of {name} {locked.Version} for this Python and platform, ruled out:");
        foreach (var group in candidate.RejectedFiles.GroupBy(r => r.Reason))
            text.Append($"\n  {group.Key}: {string.Join(", ", group.Select(r => r.File))}");
        if (otherTorch.Count > 0)
            text.Append($"\n  built for another torch than {torch}: {string.Join(", ", otherTorch)}");
        return text.ToString();
    }

    private static (int, int) TorchMinor(string version) =>
        TorchReleaseNumber.TryParse(version, out var n) ? (n.Major, n.Minor) : (-1, -1);
}
