using System.Buffers.Binary;
using System.Text;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Publishing;

/// <summary>
/// Rewrites the library search path (DT_RUNPATH / DT_RPATH) of a copied ELF binary in place: an interpreter built
/// with <c>--enable-shared</c> (pyenv's) finds libpython through an absolute RUNPATH such as
/// <c>/home/u/.pyenv/versions/3.11.7/lib</c>, which does not exist on the target machine. Entries under the
/// interpreter's prefix become <c>$ORIGIN</c>-relative; the string is overwritten and padded with NULs, so the
/// new value must not be longer than the old one (it never is for a path under a real prefix).
/// </summary>
public static class ElfRunPath
{
    private const int DtNull = 0, DtStrtab = 5, DtRpath = 15, DtRunpath = 29;

    /// <summary>
    /// Relocates <paramref name="stagedFile"/>, which came from <paramref name="sourcePrefix"/> and now lies at
    /// <paramref name="stagedRelativePath"/> inside the copied prefix (same layout). Returns false for a file that is
    /// not ELF or needs no change.
    /// </summary>
    public static bool Relocate(string stagedFile, string stagedRelativePath, string sourcePrefix)
    {
        var bytes = File.ReadAllBytes(stagedFile);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            return false;
        var elf = new Reader(bytes);
        var changed = false;
        foreach (var (offset, value) in elf.SearchPaths())
        {
            var relocated = string.Join(':', value.Split(':').Select(entry => Relative(entry, stagedRelativePath, sourcePrefix)));
            if (relocated == value) continue;
            var encoded = Encoding.UTF8.GetBytes(relocated);
            var oldLength = Encoding.UTF8.GetByteCount(value);
            if (encoded.Length > oldLength)
                throw new LlmPyException(DiagnosticCodes.Publish.RuntimeNotRelocatable,
                    $"The interpreter file '{stagedRelativePath}' finds its libraries through '{value}', which cannot be rewritten to '{relocated}' in place. " +
                    "Publish with PythonSelfContained=false, or use an interpreter built for relocation (PythonRuntimeArchive with a python-build-standalone archive).");
            Array.Clear(bytes, offset, oldLength);
            encoded.CopyTo(bytes, offset);
            changed = true;
        }
        if (changed) File.WriteAllBytes(stagedFile, bytes);
        return changed;
    }

    /// <summary>The RUNPATH/RPATH values of <paramref name="file"/> (empty for a file that is not ELF or has none).</summary>
    public static IReadOnlyList<string> Read(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            return [];
        return new Reader(bytes).SearchPaths().Select(p => p.Value).ToList();
    }

    private static string Relative(string entry, string stagedRelativePath, string sourcePrefix)
    {
        var prefix = sourcePrefix.TrimEnd('/');
        if (!entry.StartsWith('/') || !(entry == prefix || entry.StartsWith(prefix + "/", StringComparison.Ordinal)))
            return entry;
        var target = Path.GetRelativePath(prefix, entry);
        var fromDirectory = Path.GetDirectoryName(stagedRelativePath) ?? "";
        var relative = Path.GetRelativePath(fromDirectory.Length == 0 ? "." : fromDirectory, target).Replace('\\', '/');
        return relative == "." ? "$ORIGIN" : "$ORIGIN/" + relative;
    }

    /// <summary>Just enough of ELF: program headers, the dynamic section and its string table.</summary>
    private readonly ref struct Reader(byte[] bytes)
    {
        private readonly byte[] _bytes = bytes;
        private bool Is64 => _bytes[4] == 2;
        private bool Little => _bytes[5] == 1;

        private ulong U(long at, int size) => size switch
        {
            2 => Little ? BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan((int)at)) : BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan((int)at)),
            4 => Little ? BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan((int)at)) : BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan((int)at)),
            _ => Little ? BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan((int)at)) : BinaryPrimitives.ReadUInt64BigEndian(_bytes.AsSpan((int)at)),
        };

        /// <summary>File offset and value of every RUNPATH/RPATH string.</summary>
        public List<(int Offset, string Value)> SearchPaths()
        {
            int word = Is64 ? 8 : 4;
            long phoff = (long)U(Is64 ? 0x20 : 0x1C, word);
            int phentsize = (int)U(Is64 ? 0x36 : 0x2A, 2), phnum = (int)U(Is64 ? 0x38 : 0x2C, 2);
            var loads = new List<(ulong Offset, ulong VAddr, ulong Size)>();
            (ulong Offset, ulong Size)? dynamic = null;
            for (int i = 0; i < phnum; i++)
            {
                long at = phoff + (long)i * phentsize;
                if (at + phentsize > _bytes.Length) break;
                var type = U(at, 4);
                ulong offset = Is64 ? U(at + 8, 8) : U(at + 4, 4);
                ulong vaddr = Is64 ? U(at + 16, 8) : U(at + 8, 4);
                ulong filesz = Is64 ? U(at + 32, 8) : U(at + 16, 4);
                if (type == 1) loads.Add((offset, vaddr, filesz));
                else if (type == 2) dynamic = (offset, filesz);
            }
            var found = new List<(int, string)>();
            if (dynamic is not { } dyn) return found;
            ulong? strtab = null;
            var paths = new List<ulong>();
            for (ulong at = dyn.Offset; at + (ulong)(2 * word) <= dyn.Offset + dyn.Size && at + (ulong)(2 * word) <= (ulong)_bytes.Length; at += (ulong)(2 * word))
            {
                var tag = U((long)at, word);
                var value = U((long)at + word, word);
                if (tag == DtNull) break;
                if (tag == DtStrtab) strtab = value;
                else if (tag is DtRpath or DtRunpath) paths.Add(value);
            }
            if (strtab is not { } table || paths.Count == 0) return found;
            var load = loads.FirstOrDefault(l => table >= l.VAddr && table < l.VAddr + l.Size);
            if (load.Size == 0) return found;
            var tableOffset = (long)(load.Offset + (table - load.VAddr));
            foreach (var p in paths)
            {
                int start = (int)(tableOffset + (long)p);
                int end = Array.IndexOf(_bytes, (byte)0, start);
                if (start < 0 || end < 0) continue;
                found.Add((start, Encoding.UTF8.GetString(_bytes, start, end - start)));
            }
            return found;
        }
    }
}
