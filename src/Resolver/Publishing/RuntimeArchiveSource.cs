using System.Formats.Tar;
using System.IO.Compression;
using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;

namespace LlmPython.Resolver.Publishing;

/// <summary>
/// <c>PythonRuntimeArchive</c>: an interpreter for the publish target's platform in python-build-standalone's
/// install_only layout (<c>python/bin/python3.X</c>, <c>python/lib/…</c>; Windows <c>python/python.exe</c>,
/// <c>python/Lib</c>), as a <c>.tar.gz</c> or <c>.zip</c> at a path or URL. It is cached like a wheel (by sha256,
/// which a URL must give) and unpacked once into the cache's <c>runtimes</c> bucket.
/// </summary>
public sealed class RuntimeArchiveSource : IPublishedRuntime
{
    private const string Bucket = "runtimes";
    private readonly string _root;
    private readonly string _location;

    private RuntimeArchiveSource(string root, string location)
    {
        _root = root;
        _location = location;
    }

    /// <param name="location">A path, a file:// or http(s) URL; a <c>#sha256=…</c> fragment gives the hash as pip's do.</param>
    /// <param name="http">The restore's HTTP settings (<see cref="HttpSettings.FromRequest"/>): its timeout, credentials, offline mode and cache.</param>
    public static RuntimeArchiveSource Create(string location, string sha256, HttpSettings http, CancellationToken cancellationToken)
    {
        var (uri, fragmentSha) = Parse(location);
        var expected = (string.IsNullOrEmpty(sha256) ? fragmentSha : sha256)?.ToLowerInvariant();
        if (!uri.IsFile && string.IsNullOrEmpty(expected))
            throw Unusable(location, "a URL needs its sha256 (PythonRuntimeArchiveSha256, or a #sha256=… fragment) so that what is shipped is what was meant");
        if (expected is not null && (expected.Length != 64 || !expected.All(Uri.IsHexDigit)))
            throw Unusable(location, $"'{expected}' is not a sha256 (64 hex digits)");
        var cache = http.Cache ?? new CacheStore(CacheStore.DefaultRoot());
        var client = new PythonHttpClient(http with { Cache = cache });
        DownloadedFile archive;
        try
        {
            archive = new WheelDownloader(client, cache).DownloadAsync(uri, expected, null, cancellationToken, Path.GetFileName(uri.LocalPath))
                .GetAwaiter().GetResult();
        }
        catch (LlmPyException e) when (e.Code != DiagnosticCodes.Publish.RuntimeArchiveUnusable)
        {
            throw Unusable(location, e.Message);
        }
        var name = Path.GetFileName(uri.LocalPath);
        var root = cache.GetOrCreateAsync(Bucket, archive.Sha256, (temp, _) =>
        {
            Extract(archive.Path, name, temp);
            return Task.CompletedTask;
        }, cancellationToken).GetAwaiter().GetResult();
        return new RuntimeArchiveSource(Path.Combine(root, "python"), location);
    }

    public CopiedRuntime CopyTo(string destination, string majorMinor, bool includeBytecode)
    {
        var windows = File.Exists(Path.Combine(_root, "python.exe"));
        var interpreter = windows ? "python.exe" : $"bin/python{majorMinor}";
        var stdlib = windows ? "Lib" : $"lib/python{majorMinor}";
        if (!File.Exists(Path.Combine(_root, interpreter)) || !Directory.Exists(Path.Combine(_root, stdlib)))
            throw new LlmPyException(DiagnosticCodes.Publish.RuntimeArchiveLayout,
                $"The PythonRuntimeArchive '{_location}' has no Python {majorMinor} in the install_only layout (looked for python/{interpreter} and python/{stdlib}/). " +
                $"Use an archive of Python {majorMinor} for the publish target, such as python-build-standalone's cpython-{majorMinor}.*-install_only.tar.gz.");
        string? libPython = null;
        if (windows)
        {
            InterpreterRuntimeCopier.CopyPrefixFiles(_root, destination);
            InterpreterRuntimeCopier.CopyTree(Path.Combine(_root, "Lib"), Path.Combine(destination, "Lib"), includeBytecode, isTopLevel: true);
            InterpreterRuntimeCopier.CopyTree(Path.Combine(_root, "DLLs"), Path.Combine(destination, "DLLs"), includeBytecode, isTopLevel: false);
            var dll = $"python{majorMinor.Replace(".", "")}.dll";
            libPython = File.Exists(Path.Combine(_root, dll)) ? dll : null;
        }
        else
        {
            InterpreterRuntimeCopier.CopyTree(Path.Combine(_root, stdlib), Path.Combine(destination, stdlib), includeBytecode, isTopLevel: true);
            Directory.CreateDirectory(Path.Combine(destination, "bin"));
            InterpreterRuntimeCopier.CopyFile(Path.Combine(_root, interpreter), Path.Combine(destination, interpreter));
            foreach (var lib in Directory.EnumerateFiles(Path.Combine(_root, "lib"), $"libpython{majorMinor}*").Order(StringComparer.Ordinal))
            {
                InterpreterRuntimeCopier.CopyFile(lib, Path.Combine(destination, "lib", Path.GetFileName(lib)));
                if (lib.Contains(".so", StringComparison.Ordinal) || lib.EndsWith(".dylib", StringComparison.Ordinal))
                    libPython ??= "lib/" + Path.GetFileName(lib);
            }
            InterpreterRuntimeCopier.LinkPythonNames(destination, majorMinor);
        }
        return new CopiedRuntime(interpreter, libPython);
    }

    private static (Uri Uri, string? Sha256) Parse(string location)
    {
        string? sha = null;
        var hash = location.IndexOf("#sha256=", StringComparison.OrdinalIgnoreCase);
        if (hash >= 0)
        {
            sha = location[(hash + "#sha256=".Length)..];
            location = location[..hash];
        }
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme is "http" or "https" or "file"))
            return (uri, sha);
        return (new Uri(Path.GetFullPath(location)), sha);
    }

    private static void Extract(string archive, string name, string destination)
    {
        Directory.CreateDirectory(destination);
        try
        {
            if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                ZipFile.ExtractToDirectory(archive, destination);
            else
            {
                using var file = File.OpenRead(archive);
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                TarFile.ExtractToDirectory(gzip, destination, overwriteFiles: false);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw Unusable(name, $"it cannot be unpacked as a {(name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? ".zip" : ".tar.gz")}: {e.Message}");
        }
    }

    private static LlmPyException Unusable(string location, string why) => new(DiagnosticCodes.Publish.RuntimeArchiveUnusable,
        $"The PythonRuntimeArchive '{location}' cannot be used: {why}. Fix PythonRuntimeArchive (and PythonRuntimeArchiveSha256), or publish with PythonSelfContained=false.");
}
