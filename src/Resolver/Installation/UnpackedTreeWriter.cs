using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// Writes the members of one wheel into its unpacked tree with as few system calls per file as the work allows
/// (thousands of small files make per-file overheads, not bytes, the cost of a cold install): each folder is
/// created once (remembered across the extracting threads), a file is created with its final mode and written
/// unbuffered from a pooled buffer, and its sha256 is computed over the same bytes as they are written (the RECORD
/// check needs no second read). Thread-safe: several workers write into one tree.
/// </summary>
internal sealed class UnpackedTreeWriter
{
    private const int BufferSize = 128 * 1024;
    /// <summary>Files at least this big get their size reserved up front (fewer extents, no growth on every write).</summary>
    private const long PreallocateFrom = 4L * 1024 * 1024;
    private const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private readonly ConcurrentDictionary<string, bool> _folders = new(StringComparer.Ordinal);

    /// <summary>Copies <paramref name="source"/> to the new file <paramref name="target"/> and returns its RECORD-form sha256 and size.</summary>
    public (string Hash, long Size) WriteSha256(Stream source, string target, long expectedSize, bool executable)
    {
        EnsureFolder(Path.GetDirectoryName(target)!);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var output = Create(target, expectedSize, executable);
            var first = ReadFull(source, buffer);
            if (first < buffer.Length)
            {
                // A small file, the common case: one read, one hash call, one write.
                output.Write(buffer, 0, first);
                return ("sha256=" + RecordHash.Encode(SHA256.HashData(buffer.AsSpan(0, first))), first);
            }
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            for (var read = first; read > 0; read = source.Read(buffer, 0, buffer.Length))
            {
                sha.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
                size += read;
            }
            return ("sha256=" + RecordHash.Encode(sha.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A new file with its final mode (no separate chmod), unbuffered: every write is a whole buffer already.</summary>
    public FileStream Create(string target, long expectedSize, bool executable)
    {
        EnsureFolder(Path.GetDirectoryName(target)!);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            PreallocationSize = expectedSize >= PreallocateFrom ? expectedSize : 0,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = executable ? Executable : Regular;
        return new FileStream(target, options);
    }

    private void EnsureFolder(string folder)
    {
        if (_folders.ContainsKey(folder)) return;
        Directory.CreateDirectory(folder);
        _folders.TryAdd(folder, true);
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the stream goes (a deflate stream returns short reads).</summary>
    private static int ReadFull(Stream source, byte[] buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = source.Read(buffer, total, buffer.Length - total)) > 0)
            total += read;
        return total;
    }
}
