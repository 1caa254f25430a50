using System.IO.Compression;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Indexes;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// Checks a wheel archive against the binary distribution format and extracts it: member paths are
/// safe, no links or special files, one .dist-info matching the file name, a Wheel-Version whose major version is supported,
/// a RECORD that lists every file with a hash and size, and every byte matching RECORD.
/// </summary>
public static class WheelArchive
{
    /// <summary>Subfolder of an unpacked wheel holding the archive's files exactly as named in it.</summary>
    public const string TreeFolder = "tree";

    /// <summary>File next to <see cref="TreeFolder"/> describing the unpacked wheel (see <see cref="UnpackedWheel"/>).</summary>
    public const string ManifestFile = "wheel.json";

    private static readonly string[] SignatureFiles = ["RECORD.jws", "RECORD.p7s"];
    /// <summary>Wheels smaller than this (uncompressed) are extracted by one thread: more would not pay for the extra handles.</summary>
    private const long ParallelExtractBytes = 32L * 1024 * 1024;
    /// <summary>Wheels with this many files are extracted by several threads even when small: file creation, not bytes, is their cost.</summary>
    private const int ParallelExtractFiles = 200;
    private const int MaxExtractWorkers = 4;

    /// <summary>
    /// Validates the wheel at <paramref name="wheelPath"/> and extracts it into the new folder
    /// <paramref name="destination"/> (<c>tree/</c> + <c>wheel.json</c>). <paramref name="fileName"/> is the wheel's
    /// real file name when the file on disk is named otherwise (e.g. a cache entry named by hash).
    /// Throws LlmPyException (LLMPY08xx) naming the wheel and the bad member. <paramref name="knownSha256"/> is the
    /// wheel's sha256 when the caller has just computed it (it goes into the manifest; a big wheel is not read twice).
    /// Cancellation is seen between members (OperationCanceledException; what was written is the caller's to delete).
    /// </summary>
    public static void ExtractVerified(string wheelPath, string destination, string? fileName = null, string? knownSha256 = null, CancellationToken cancellationToken = default)
    {
        var wheel = fileName ?? Path.GetFileName(wheelPath);
        try
        {
            ValidateAndExtract(wheelPath, destination, wheel, knownSha256, cancellationToken);
        }
        catch (LlmPyException e) when (e.PackageName is null && ProjectNames.ProjectOf(wheel) is { } project)
        {
            // Every refusal below names the wheel; the project lets the build point at the item that asked for it.
            throw e.About(project);
        }
    }

    private static void ValidateAndExtract(string wheelPath, string destination, string wheel, string? knownSha256, CancellationToken cancellationToken)
    {
        WheelNameParts nameParts;
        try
        {
            nameParts = WheelNameParts.Parse(wheel);
        }
        catch (FormatException e)
        {
            throw new LlmPyException(DiagnosticCodes.Installer.InvalidWheelFileName,
                $"'{wheel}' is not a valid wheel filename ({e.Message}). Wheels must be named name-version[-build]-python-abi-platform.whl.", e);
        }

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(wheelPath);
        }
        catch (InvalidDataException e)
        {
            throw new LlmPyException(DiagnosticCodes.Cache.WheelNotUnpackable,
                $"The wheel '{wheel}' is not a readable zip archive ({e.Message}). Delete it from the cache or download it again.", e);
        }

        using (zip)
        {
            var members = ReadMembers(zip, wheel);
            var distInfo = FindDistInfo(members.Keys, wheel, nameParts);
            var dataDir = distInfo[..^".dist-info".Length] + ".data";
            CheckWheelVersion(members, distInfo, wheel);
            var record = ReadRecord(members, distInfo, wheel);
            CheckRecordCoversMembers(members.Keys, record, distInfo, dataDir, wheel);
            CheckEntryPoints(members, distInfo, wheel);

            var tree = Path.Combine(destination, TreeFolder);
            Directory.CreateDirectory(tree);
            var files = members.Keys.Where(p => !WheelPathRules.IsInPycache(p)).OrderBy(p => p, StringComparer.Ordinal).ToList();
            // RECORD and its signatures are not described by RECORD: nothing to compare them with.
            RecordEntry? Expected(string path) =>
                path == $"{distInfo}/RECORD" || SignatureFiles.Any(s => path == $"{distInfo}/{s}") ? null : record[path];
            var workers = Math.Min(Environment.ProcessorCount, MaxExtractWorkers);
            var writer = new UnpackedTreeWriter();
            if (workers <= 1 || (members.Values.Sum(e => e.Length) < ParallelExtractBytes && files.Count < ParallelExtractFiles))
            {
                foreach (var path in files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Extract(members[path], path, Expected(path), tree, wheel, writer);
                }
            }
            else
            {
                // A big wheel (bytes or files): members are written and hashed by several workers, each reading through its own
                // handle on the archive (ZipArchive is not thread-safe). Biggest first, dealt round-robin.
                var bySize = files.OrderByDescending(p => members[p].Length).ToList();
                ExceptionDispatchInfo? failure = null;
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
                {
                    try
                    {
                        using var own = ZipFile.OpenRead(wheelPath);
                        var entries = ReadMembers(own, wheel);
                        for (var i = worker; i < bySize.Count && Volatile.Read(ref failure) is null; i += workers)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            Extract(entries[bySize[i]], bySize[i], Expected(bySize[i]), tree, wheel, writer);
                        }
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                    }
                });
                failure?.Throw();
            }

            var manifest = new UnpackedWheelManifest(wheel, knownSha256 ?? RecordHash.FileSha256Hex(wheelPath), distInfo, files);
            File.WriteAllText(Path.Combine(destination, ManifestFile), JsonSerializer.Serialize(manifest, UnpackedWheelManifestJson.Default.UnpackedWheelManifest));
        }
    }

    private static Dictionary<string, ZipArchiveEntry> ReadMembers(ZipArchive zip, string wheel)
    {
        var members = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                WheelPathRules.Normalize(entry.FullName.TrimEnd('/', '\\') + "/x", wheel);
                continue;
            }
            var path = WheelPathRules.Normalize(entry.FullName, wheel);
            var fileType = (entry.ExternalAttributes >> 16) & 0xF000;
            if (fileType is not (0 or 0x8000))
                throw new LlmPyException(DiagnosticCodes.Installer.SpecialMember,
                    $"The wheel '{wheel}' contains '{entry.FullName}' as a {(fileType == 0xA000 ? "symbolic link" : "special file")}; wheels may hold only regular files. The wheel is refused.");
            if (!members.TryAdd(path, entry))
                throw new LlmPyException(DiagnosticCodes.Installer.InvalidLayout,
                    $"The wheel '{wheel}' contains '{path}' twice; which copy would be installed is ambiguous. The wheel is refused.");
        }
        return members;
    }

    private static string FindDistInfo(IEnumerable<string> paths, string wheel, WheelNameParts nameParts)
    {
        var distInfos = paths.Select(p => p.Split('/')[0]).Where(s => s.EndsWith(".dist-info", StringComparison.Ordinal) && paths.Any(p => p.StartsWith(s + "/", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
        if (distInfos.Count != 1)
            throw new LlmPyException(DiagnosticCodes.Installer.InvalidLayout,
                distInfos.Count == 0
                    ? $"The wheel '{wheel}' has no .dist-info folder, so it is not a valid wheel."
                    : $"The wheel '{wheel}' must contain exactly one .dist-info folder but has {distInfos.Count}: {string.Join(", ", distInfos)}.");
        var distInfo = distInfos[0];
        var stem = distInfo[..^".dist-info".Length];
        var dash = stem.LastIndexOf('-');
        var name = dash > 0 ? stem[..dash] : stem;
        if (WheelNameParts.Canonicalize(name) != WheelNameParts.Canonicalize(nameParts.Distribution))
            throw new LlmPyException(DiagnosticCodes.Installer.InvalidLayout,
                $"The wheel '{wheel}' contains the .dist-info folder '{distInfo}', which does not match the distribution '{nameParts.Distribution}' of its file name. Use the wheel under its original name.");
        return distInfo;
    }

    private static void CheckWheelVersion(Dictionary<string, ZipArchiveEntry> members, string distInfo, string wheel)
    {
        if (!members.TryGetValue($"{distInfo}/WHEEL", out var entry))
            throw new LlmPyException(DiagnosticCodes.Installer.IncompatibleWheelVersion, $"The wheel '{wheel}' has no {distInfo}/WHEEL file, so it is not a valid wheel.");
        var text = HeaderFile.Parse(ReadText(entry))["Wheel-Version"];
        var version = WheelFormatVersion.TryParse(text)
            ?? throw new LlmPyException(DiagnosticCodes.Installer.IncompatibleWheelVersion,
                $"The wheel '{wheel}' has {(text is null ? "no Wheel-Version" : $"the invalid Wheel-Version '{text}'")} in {distInfo}/WHEEL, so it is not a valid wheel. Rebuild it with a current wheel builder.");
        // A newer minor version (1.9) is installed with a warning at install time (LLMPY0815); a newer major version is refused.
        if (!version.IsSupported)
            throw new LlmPyException(DiagnosticCodes.Installer.IncompatibleWheelVersion,
                $"The wheel '{wheel}' has Wheel-Version {version}, a major version this installer does not support (it installs Wheel-Version {WheelFormatVersion.Supported.Major}.x and older). Use a wheel built for Wheel-Version {WheelFormatVersion.Supported}, or a newer LlmPython.Sdk.");
    }

    private static void CheckEntryPoints(Dictionary<string, ZipArchiveEntry> members, string distInfo, string wheel)
    {
        if (!members.TryGetValue($"{distInfo}/entry_points.txt", out var entry))
            return;
        try
        {
            ScriptEntryPoint.Parse(ReadText(entry));
        }
        catch (FormatException e)
        {
            throw new LlmPyException(DiagnosticCodes.Installer.InvalidLayout,
                $"The wheel '{wheel}' has an invalid {distInfo}/entry_points.txt: {e.Message}. The wheel is refused; rebuild it with valid console_scripts/gui_scripts.", e);
        }
    }

    private static Dictionary<string, RecordEntry> ReadRecord(Dictionary<string, ZipArchiveEntry> members, string distInfo, string wheel)
    {
        var recordPath = $"{distInfo}/RECORD";
        IReadOnlyList<RecordEntry> rows;
        try
        {
            if (!members.TryGetValue(recordPath, out var entry))
                throw new FormatException("the file is missing");
            rows = RecordFile.Parse(ReadText(entry));
        }
        catch (FormatException e)
        {
            throw new LlmPyException(DiagnosticCodes.Installer.InvalidRecord,
                $"Unable to retrieve `RECORD` of the wheel '{wheel}': {e.Message}. The wheel is damaged; rebuild or download it again.", e);
        }

        var record = new Dictionary<string, RecordEntry>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            // RECORD rows are paths too: they must be safe before anything trusts them.
            var path = WheelPathRules.Normalize(row.Path, wheel);
            record[path] = row with { Path = path };
        }

        if (record.TryGetValue(recordPath, out var self) && (self.Hash is not null || self.Size is not null))
            throw new LlmPyException(DiagnosticCodes.Installer.InvalidRecord,
                $"RECORD file incorrectly contains hash / size in the wheel '{wheel}'. The wheel is damaged; rebuild it.");
        foreach (var signature in SignatureFiles)
            if (record.ContainsKey($"{distInfo}/{signature}"))
                throw new LlmPyException(DiagnosticCodes.Installer.InvalidRecord,
                    $"The digital signature file {distInfo}/{signature} is incorrectly contained in RECORD of the wheel '{wheel}'. The wheel is damaged; rebuild it.");
        return record;
    }

    private static void CheckRecordCoversMembers(IEnumerable<string> paths, Dictionary<string, RecordEntry> record, string distInfo, string dataDir, string wheel)
    {
        foreach (var path in paths)
        {
            if (path == $"{distInfo}/RECORD" || SignatureFiles.Any(s => path == $"{distInfo}/{s}"))
                continue;
            if (!record.TryGetValue(path, out var row))
                throw new LlmPyException(DiagnosticCodes.Installer.InvalidRecord,
                    $"The file '{path}' of the wheel '{wheel}' is not mentioned in RECORD. The wheel is damaged or tampered with; rebuild or download it again.");
            if (row.Hash is null || row.Size is null)
                throw new LlmPyException(DiagnosticCodes.Installer.InvalidRecord,
                    $"The hash / size of '{path}' is not included in RECORD of the wheel '{wheel}'. The wheel cannot be verified; rebuild it.");
            if (!RecordHash.IsSupported(row.HashAlgorithm!))
                throw new LlmPyException(DiagnosticCodes.Installer.InvalidRecord,
                    $"The entry in RECORD file for '{path}' of the wheel '{wheel}' is invalid: invalid hash algorithm '{row.HashAlgorithm}'. Rebuild the wheel with sha256 hashes.");
            if (path.StartsWith(dataDir + "/", StringComparison.Ordinal))
            {
                var parts = path.Split('/');
                if (parts.Length < 3 || !InstallScheme.Names.Contains(parts[1]))
                    throw new LlmPyException(DiagnosticCodes.Installer.UnknownDataScheme,
                        $"The wheel '{wheel}' contains '{path}', which is not under a known scheme of {dataDir}/ (purelib, platlib, headers, scripts, data). The wheel is refused.");
            }
        }
    }

    private static void Extract(ZipArchiveEntry entry, string path, RecordEntry? expected, string tree, string wheel, UnpackedTreeWriter writer)
    {
        var target = WheelPathRules.Resolve(tree, path, wheel);
        var executable = !OperatingSystem.IsWindows() && ((entry.ExternalAttributes >> 16) & 0x49) != 0;
        string hash;
        long size;
        using (var input = entry.Open())
        {
            // Never read past the size RECORD promises: a lying zip cannot fill the disk.
            var limit = (expected?.Size ?? entry.Length) + 1;
            using var bounded = new BoundedStream(input, limit);
            if (expected?.HashAlgorithm is null or "sha256")
                (hash, size) = writer.WriteSha256(bounded, target, entry.Length, executable);
            else
            {
                using var output = writer.Create(target, entry.Length, executable);
                (hash, size) = CopyAndHashWith(expected.HashAlgorithm, bounded, output);
            }
        }
        if (expected is not null && (expected.Size != size || expected.Hash != hash))
            throw new LlmPyException(DiagnosticCodes.Installer.RecordMismatch,
                $"The hash / size of '{path}' in the wheel '{wheel}' didn't match RECORD (RECORD says {expected.Hash}, {expected.Size} bytes; the file has {hash}, {size} bytes). The wheel is corrupt or tampered with; download it again.");
    }

    private static (string Hash, long Size) CopyAndHashWith(string algorithm, Stream source, Stream destination)
    {
        using var h = RecordHash.Create(algorithm);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            h.TransformBlock(buffer, 0, read, null, 0);
            destination.Write(buffer, 0, read);
            size += read;
        }
        h.TransformFinalBlock([], 0, 0);
        return ($"{algorithm}={RecordHash.Encode(h.Hash!)}", size);
    }

    private static string ReadText(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>A read-only view that stops after <c>limit</c> bytes.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _remaining = limit;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_remaining <= 0)
                return 0;
            var n = inner.Read(buffer, offset, (int)Math.Min(count, _remaining));
            _remaining -= n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
