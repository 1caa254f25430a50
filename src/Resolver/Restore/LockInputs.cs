using System.Security.Cryptography;
using System.Text;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// The project's inputs that decide a resolution, in one canonical text, and its sha256. Anything that
/// changes what would be resolved belongs here; anything that only changes how the environment is built
/// (cache folder, bytecode, offline, locked mode) does not, so toggling it never invalidates the lock.
/// The interpreter and the accelerator backend are not hashed here: they name the lock's environment
/// section (<see cref="LockedEnvironment.Name"/>), so one lock holds the sections of several machines.
/// Paths are made relative to the project, so the same project checked out elsewhere has the same hash.
/// </summary>
public static class LockInputs
{
    public static string Describe(RestoreRequest request)
    {
        var projectDir = Path.GetDirectoryName(Path.GetFullPath(request.ProjectPath)) ?? "";
        var lines = new List<string>
        {
            "format=" + LockFile.CurrentFormatVersion,
            "index=" + request.PythonIndexUrl.TrimEnd('/'),
            "pytorch-index=" + request.PyTorchIndexUrl.TrimEnd('/'),
            "cuda=" + request.PythonCuda.ToLowerInvariant(),
            "prereleases=" + request.AllowPrereleases,
            "source-builds=" + request.AllowSourceBuilds,
        };
        if (request.SourceBuildPackages.Count > 0)
            lines.Add("source-build-packages=" + string.Join(";", request.SourceBuildPackages.Select(n => n.Trim().ToLowerInvariant()).Order(StringComparer.Ordinal)));
        lines.AddRange(request.Packages
            .Select(p => string.Join("|", "package", Relative(projectDir, p.Include), p.Version?.Trim() ?? "", p.Extras ?? "",
                p.Cuda ?? "", p.Index ?? "", p.NoDeps, p.Markers ?? "")
                // Build metadata only when set, so the hash of projects without it stays what it was.
                + (p.AllowSourceBuild || p.BuildRequires is not null || !p.BuildIsolation || p.BuildSettings is not null
                    ? $"|build|{p.AllowSourceBuild}|{p.BuildRequires}|{p.BuildIsolation}|{p.BuildSettings}" : ""))
            .OrderBy(s => s, StringComparer.Ordinal));
        lines.AddRange(request.Indexes
            .Select(i => string.Join("|", "python-index", i.Url.TrimEnd('/'), i.Name ?? "", i.Explicit))
            .OrderBy(s => s, StringComparer.Ordinal));
        // Find-links order matters (first source wins), so it is kept.
        lines.AddRange(request.FindLinks.Select(f => "find-links|" + Relative(projectDir, f)));
        lines.AddRange(request.Constraints
            .Select(c => "constraint|" + c.Name + "|" + c.Version)
            .OrderBy(s => s, StringComparer.Ordinal));
        // --hash pins of requirements files (absent for projects without them: their hash is unchanged).
        lines.AddRange(request.RequiredHashes
            .Select(h => "hash|" + h.Name + "|" + string.Join(",", h.Sha256.Order(StringComparer.Ordinal)))
            .Distinct().OrderBy(s => s, StringComparer.Ordinal));
        return string.Join("\n", lines);
    }

    public static string Hash(RestoreRequest request)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(Describe(request)));
        return "sha256:" + Convert.ToHexString(bytes).ToLowerInvariant();
    }

    /// <summary>A local path under the project becomes project-relative with '/' separators; URLs stay.</summary>
    internal static string Relative(string projectDir, string pathOrUrl)
    {
        if (pathOrUrl.Contains("://", StringComparison.Ordinal) || !Path.IsPathFullyQualified(pathOrUrl))
            return pathOrUrl.Replace('\\', '/');
        return Path.GetRelativePath(projectDir, pathOrUrl).Replace('\\', '/');
    }
}
