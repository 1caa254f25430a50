using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// One resolution per distinct input set on a machine: projects of one <c>dotnet build -m</c> (and later builds)
/// whose normalized inputs are equal share the lock section one of them resolved. The first computes it holding
/// the key's lock in the shared cache (bucket <see cref="Bucket"/>); the others wait for that lock and take the
/// result. A stored result is reused when it was completed after the waiting restore began (it is as current as
/// that restore's own would be), or while every index page it was computed from is still fresh (PythonRefresh:
/// only the first). Each project still writes its own lockfile from it.
/// </summary>
internal static class SharedResolution
{
    public const string Bucket = "resolutions";
    private const int FormatVersion = 1;

    private sealed record Stored(int Format, string Project, DateTimeOffset ProducedAt, DateTimeOffset ValidUntil, string Lock);

    public static async Task<LockedEnvironment> ResolveAsync(RestoreSession session, IRestoreLog log, BackendDecision? backend,
        string sectionName, LockFile? previous, CancellationToken cancellationToken)
    {
        var resolver = new LockResolver(session, log);
        var key = Key(session, backend, sectionName, resolver.Preferred(previous, sectionName));
        using var entry = await session.Cache.LockAsync(Bucket, key, cancellationToken).ConfigureAwait(false);
        if (entry.Existing is { } path && TryRead(path) is { } shared && Reusable(shared, session))
        {
            var environment = LockFileReader.Parse(shared.Lock).Environments.Single();
            log.Message($"Resolution of {sectionName} ({environment.Packages.Count} Python packages) shared with {Path.GetFileName(shared.Project)}: same inputs.", important: true);
            // The backend line is this machine's own explanation; everything else is the same by the key.
            return environment with { Backend = backend?.Backend, BackendReason = backend?.Explanation };
        }

        var resolved = await resolver.ResolveAsync(backend, sectionName, previous, cancellationToken).ConfigureAwait(false);
        var producedAt = DateTimeOffset.UtcNow;
        // A resolution is as fresh as the stalest page it read; one that read no page is shared with concurrent restores only.
        var validUntil = session.Http.EarliestPageExpiry ?? producedAt;
        var stored = new Stored(FormatVersion, session.Request.ProjectPath, producedAt, validUntil,
            LockFileWriter.ToText(new LockFile { InputsHash = key, Environments = [resolved] }));
        await entry.ReplaceAsync((temp, ct) => File.WriteAllTextAsync(temp, JsonSerializer.Serialize(stored), ct), cancellationToken).ConfigureAwait(false);
        return resolved;
    }

    private static bool Reusable(Stored shared, RestoreSession session) =>
        shared.ProducedAt >= session.Started
        || (!session.Request.Refresh && DateTimeOffset.UtcNow < shared.ValidUntil);

    private static Stored? TryRead(string path)
    {
        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path));
            return stored is { Format: FormatVersion } ? stored : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null; // damaged: resolve again and replace it
        }
    }

    /// <summary>
    /// The identity of a resolution: the normalized request the lock's inputs hash is made of, plus what else decides
    /// the section (the target's tags and markers, the backend, the versions the previous lock prefers, the packages to
    /// update). Local wheels and folders are written project-relative into the lock, so with any of them the project
    /// folder is part of the key.
    /// </summary>
    internal static string Key(RestoreSession session, BackendDecision? backend, string sectionName, IReadOnlyDictionary<Requirements.PackageName, Versioning.Pep440Version> preferred)
    {
        var request = session.Request;
        var target = session.Target;
        var text = new StringBuilder();
        void Add(string name, string? value) => text.Append(name).Append('=').Append(value).Append('\n');
        Add("format", FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("inputs", LockInputs.Describe(request));
        Add("section", sectionName);
        Add("target", string.Join("|", target.Key, target.PythonVersion, target.PlatformTag, target.IsHost));
        foreach (var (name, value) in target.Markers.Values.OrderBy(p => p.Key, StringComparer.Ordinal))
            Add("marker:" + name, value);
        Add("tags", string.Join(" ", target.Tags.Ordered));
        if (backend is not null)
            Add("backend", string.Join("|", backend.Backend, backend.Kind, backend.IndexUrl, backend.IsExplicit, backend.TorchVersion));
        foreach (var (name, version) in preferred.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
            Add("prefer:" + name.Value, version.ToString());
        Add("update", string.Join(";", request.UpdatePackages.Select(u => u.Trim()).Order(StringComparer.Ordinal)));
        if (HasLocalSources(request))
            Add("project", session.ProjectDirectory);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    private static bool HasLocalSources(RestoreRequest request) =>
        request.Packages.Any(p => p.Include.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) && !IsHttp(p.Include))
        || request.FindLinks.Any(f => !IsHttp(f))
        || request.Indexes.Any(i => !IsHttp(i.Url))
        || !IsHttp(request.PythonIndexUrl) || !IsHttp(request.PyTorchIndexUrl);

    private static bool IsHttp(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
