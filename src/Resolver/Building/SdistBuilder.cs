using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Distributions;
using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Building;

/// <summary>
/// Builds a wheel from a source distribution through its PEP 517 backend: unpack, create an isolated build environment
/// (build-system.requires, then what get_requires_for_build_wheel adds, installed by <see cref="IBuildEnvironmentInstaller"/>),
/// run the hooks with <see cref="HookRunnerScript"/>. Built wheels are cached by sdist sha256 + interpreter + platform +
/// settings; the whole hook output goes to <c>&lt;logs&gt;/&lt;name&gt;-&lt;version&gt;.log</c>.
/// </summary>
public sealed class SdistBuilder
{
    public const string WheelBucket = "built-wheels";
    public const string MetadataBucket = "sdist-metadata";
    private const int TailLines = 30;

    private readonly CacheStore _cache;
    private readonly string _interpreterKey;
    private readonly string _platformTag;
    private readonly IBuildEnvironmentInstaller _installer;
    private readonly string _logDirectory;

    /// <param name="interpreterKey">Identity of the target interpreter (implementation + full version) for the cache key.</param>
    public SdistBuilder(CacheStore cache, string interpreterKey, string platformTag, IBuildEnvironmentInstaller installer, string logDirectory)
    {
        _cache = cache;
        _interpreterKey = interpreterKey;
        _platformTag = platformTag;
        _installer = installer;
        _logDirectory = logDirectory;
    }

    /// <summary>Builds run (not cache hits), for tests and the log.</summary>
    public int BuildsRun => _buildsRun;
    private int _buildsRun;

    /// <summary>The sdist's core metadata: PKG-INFO when it is 2.2+ and Requires-Dist is not Dynamic, else the backend's.</summary>
    public async Task<string> MetadataAsync(SdistBuildInput input, CancellationToken cancellationToken)
    {
        if (StaticMetadata(input) is { } pkgInfo) return pkgInfo;
        if (_cache.TryGet(WheelBucket, Key(input)) is { } built) return ReadWheelMetadata(SingleWheel(built));
        var entry = await _cache.GetOrCreateAsync(MetadataBucket, Key(input), async (temp, ct) =>
        {
            var text = await WithBuildAsync(input, "metadata", async (run, outDir) =>
            {
                var result = await run("prepare_metadata_for_build_wheel", outDir, null).ConfigureAwait(false);
                if (result.ValueKind == JsonValueKind.String)
                    return await File.ReadAllTextAsync(Path.Combine(outDir, result.GetString()!, "METADATA"), ct).ConfigureAwait(false);
                // No such hook: the metadata of a real build (kept: the install needs it next).
                var wheel = await BuildIntoCacheAsync(input, run, outDir, ct).ConfigureAwait(false);
                return ReadWheelMetadata(wheel);
            }, ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(temp, text, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return await File.ReadAllTextAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The built wheel's path (from the cache when this sdist was built before with the same interpreter, platform and settings).</summary>
    public async Task<string> BuildWheelAsync(SdistBuildInput input, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(WheelBucket, Key(input)) is { } cached) return SingleWheel(cached);
        return await WithBuildAsync(input, "wheel", (run, outDir) => BuildIntoCacheAsync(input, run, outDir, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PKG-INFO is authoritative when Metadata-Version ≥ 2.2 and Requires-Dist is not listed as Dynamic (PEP 643).</summary>
    public static string? StaticMetadata(SdistBuildInput input)
    {
        var text = SdistArchive.ReadPkgInfo(input.SdistPath, input.FileName);
        if (text is null) return null;
        var metadata = CoreMetadata.Parse(text);
        if (metadata.MetadataVersion is not { } v || !Version.TryParse(v.Trim(), out var version) || version < new Version(2, 2)) return null;
        var dynamic = metadata.Fields.Where(f => f.Key.Equals("Dynamic", StringComparison.OrdinalIgnoreCase)).Select(f => f.Value.Trim());
        return dynamic.Any(d => d.Equals("Requires-Dist", StringComparison.OrdinalIgnoreCase) || d.Equals("Provides-Extra", StringComparison.OrdinalIgnoreCase)) ? null : text;
    }

    private delegate Task<JsonElement> HookRun(string hook, string outDir, string? metadataDir);

    private async Task<string> BuildIntoCacheAsync(SdistBuildInput input, HookRun run, string outDir, CancellationToken cancellationToken)
    {
        var entry = await _cache.GetOrCreateAsync(WheelBucket, Key(input), async (temp, ct) =>
        {
            Directory.CreateDirectory(outDir);
            var result = await run("build_wheel", outDir, null).ConfigureAwait(false);
            var wheelName = result.GetString()!;
            CheckWheel(input, wheelName);
            Directory.CreateDirectory(temp);
            File.Copy(Path.Combine(outDir, wheelName), Path.Combine(temp, wheelName));
            Interlocked.Increment(ref _buildsRun);
        }, cancellationToken).ConfigureAwait(false);
        return SingleWheel(entry);
    }

    private void CheckWheel(SdistBuildInput input, string wheelName)
    {
        if (!WheelFileName.TryParse(wheelName, out var wheel) || wheel.Name.Value != PackageName.Normalize(input.Name)
            || wheel.Version.Public.ToString() != Versioning.Pep440Version.Parse(input.Version).Public.ToString())
            throw new LlmPyException(DiagnosticCodes.SourceBuild.BuiltWheelMismatch,
                $"Building {input.FileName} produced {wheelName}, which is not a wheel of {input.Name} {input.Version}. Use a wheel of this package, or report it to the package's authors.")
            { PackageName = input.Name };
    }

    /// <summary>Unpacks the sdist, prepares the build environment and runs <paramref name="work"/> with a hook runner; cleans up after.</summary>
    private async Task<T> WithBuildAsync<T>(SdistBuildInput input, string purpose, Func<HookRun, string, Task<T>> work, CancellationToken cancellationToken)
    {
        var workDir = Directory.CreateTempSubdirectory("llmpy-build-").FullName;
        Directory.CreateDirectory(_logDirectory);
        var logPath = Path.Combine(_logDirectory, $"{PackageName.Normalize(input.Name)}-{input.Version}.log");
        await File.WriteAllTextAsync(logPath, $"# {purpose} of {input.FileName} (sha256 {input.Sha256}) for {_interpreterKey} {_platformTag}\n", cancellationToken).ConfigureAwait(false);
        try
        {
            var source = SdistArchive.Extract(input.SdistPath, input.FileName, Path.Combine(workDir, "src"));
            if (!File.Exists(Path.Combine(source, "pyproject.toml")) && !File.Exists(Path.Combine(source, "setup.py")))
                throw new LlmPyException(DiagnosticCodes.SourceBuild.InvalidSdist,
                    $"The source distribution {input.FileName} has neither pyproject.toml nor setup.py, so it cannot be built. Use a wheel of {input.Name}.")
                { PackageName = input.Name };
            var system = BuildSystem.Read(source);
            var envDir = Path.Combine(workDir, "env");
            var python = await _installer.InstallAsync(envDir, [.. system.Requires, .. input.ExtraRequirements], input.Name, cancellationToken).ConfigureAwait(false);
            HookRun run = (hook, outDir, metadataDir) => RunHookAsync(python, source, system, input, hook, outDir, metadataDir, logPath, cancellationToken);
            var extra = await run("get_requires_for_build_wheel", Path.Combine(workDir, "out"), null).ConfigureAwait(false);
            var more = extra.ValueKind == JsonValueKind.Array ? extra.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
            if (more.Except(system.Requires).Any())
                python = await _installer.InstallAsync(envDir, [.. system.Requires, .. more, .. input.ExtraRequirements], input.Name, cancellationToken).ConfigureAwait(false);
            return await work(run, Path.Combine(workDir, "out")).ConfigureAwait(false);
        }
        finally
        {
            try { Directory.Delete(workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private async Task<JsonElement> RunHookAsync(string python, string source, BuildSystem system, SdistBuildInput input, string hook,
        string outDir, string? metadataDir, string logPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDir);
        var runner = Path.Combine(Path.GetDirectoryName(source)!, HookRunnerScript.FileName);
        if (!File.Exists(runner)) await File.WriteAllTextAsync(runner, HookRunnerScript.Text, cancellationToken).ConfigureAwait(false);
        var resultFile = Path.Combine(Path.GetDirectoryName(source)!, $"{hook}.json");
        var start = new ProcessStartInfo(python)
        {
            WorkingDirectory = source,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { runner, hook, system.Backend, JsonSerializer.Serialize(system.BackendPath), JsonSerializer.Serialize(input.Settings), outDir, resultFile, metadataDir ?? "" })
            start.ArgumentList.Add(a);
        // The build sees neither the user's site-packages nor a PYTHONPATH/PYTHONHOME meant for something else.
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        start.Environment["PYTHONNOUSERSITE"] = "1";
        start.Environment["PIP_NO_INPUT"] = "1";
        foreach (var (k, v) in input.Environment) start.Environment[k] = v;

        var output = new StringBuilder();
        using (var process = new Process { StartInfo = start })
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using (cancellationToken.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }))
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            process.WaitForExit();
            await File.AppendAllTextAsync(logPath, $"## {hook} (exit code {process.ExitCode})\n{output}", cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0 || !File.Exists(resultFile))
            {
                var lines = output.ToString().TrimEnd().Split('\n');
                var tail = string.Join("\n", lines.Skip(Math.Max(0, lines.Length - TailLines)).Select(l => "    " + l.TrimEnd('\r')));
                throw new LlmPyException(DiagnosticCodes.SourceBuild.BuildFailed,
                    $"Building {input.Name} {input.Version} from {input.FileName} failed in {hook} of {system.Backend} (exit code {process.ExitCode}). " +
                    $"Last lines of its output:\n{tail}\nThe whole log is {logPath}. Fix the build (BuildSettings, a missing system library or compiler), pin a version that has a wheel, or add a wheel with <PythonPackage Include=\"…/{input.Name}-….whl\" />.")
                { PackageName = input.Name };
            }
        }
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(resultFile, cancellationToken).ConfigureAwait(false));
        return json.RootElement.GetProperty("result").Clone();
    }

    /// <summary>sdist sha256 + interpreter + platform + settings + extra build requirements.</summary>
    private string Key(SdistBuildInput input)
    {
        var text = new StringBuilder().Append(input.Sha256.ToLowerInvariant()).Append('\n').Append(_interpreterKey).Append('\n').Append(_platformTag);
        foreach (var (k, v) in input.Settings.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append('\n').Append(k).Append('=').Append(v);
        foreach (var r in input.ExtraRequirements.Order(StringComparer.Ordinal)) text.Append("\nreq:").Append(r);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    private static string SingleWheel(string entry) => Directory.GetFiles(entry, "*.whl").Single();

    private static string ReadWheelMetadata(string wheelPath)
    {
        using var zip = ZipFile.OpenRead(wheelPath);
        var entry = zip.Entries.First(e => e.FullName.EndsWith(".dist-info/METADATA", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1);
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
