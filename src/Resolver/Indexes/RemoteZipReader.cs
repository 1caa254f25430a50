using System.Buffers.Binary;
using System.IO.Compression;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Indexes;

/// <summary>
/// Reads one member of a remote zip (a wheel's METADATA) with HTTP range requests: the tail holding the
/// end-of-central-directory record (zip64 too), the central directory when it is not in the tail, then only
/// the member's local header and data. Typically 2–3 small requests instead of the whole wheel.
/// </summary>
internal sealed class RemoteZipReader
{
    /// <summary>First request: the last 64 KiB usually hold the EOCD and the whole central directory of a wheel.</summary>
    internal const int TailLength = 64 * 1024;
    private const uint EocdSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EocdSignature = 0x06064b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint LocalSignature = 0x04034b50;

    private readonly PythonHttpClient _http;
    private readonly Uri _url;

    public RemoteZipReader(PythonHttpClient http, Uri url)
    {
        _http = http;
        _url = url;
    }

    /// <summary>What a read produced: the member's bytes, the whole file (server ignored Range), or nothing usable.</summary>
    public sealed record Result(byte[]? Member, byte[]? WholeFile, int Requests);

    /// <summary>
    /// The bytes of the first member whose name <paramref name="select"/> picks among all names. Throws
    /// <see cref="FormatException"/> when the zip structure is not readable this way (callers then download it).
    /// </summary>
    public async Task<Result> ReadMemberAsync(Func<IReadOnlyList<string>, string?> select, CancellationToken ct)
    {
        var requests = 1;
        var tail = await _http.GetRangeAsync(_url, null, null, TailLength, ct).ConfigureAwait(false)
            ?? throw new FormatException("the server refused the range request");
        if (tail.BodySkipped)
            throw new FormatException("the server ignores Range and the file is large");
        if (!tail.Partial)
            return new Result(null, tail.Bytes, requests);
        var total = tail.TotalLength ?? throw new FormatException("no total length in Content-Range");

        var eocd = LastIndexOf(tail.Bytes, EocdSignature, tail.Bytes.Length - 22);
        if (eocd < 0) throw new FormatException("no end-of-central-directory record in the last bytes");
        long cdSize = BinaryPrimitives.ReadUInt32LittleEndian(tail.Bytes.AsSpan(eocd + 12));
        long cdOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail.Bytes.AsSpan(eocd + 16));
        if (cdSize == uint.MaxValue || cdOffset == uint.MaxValue)
        {
            var locator = eocd - 20;
            if (locator < 0 || BinaryPrimitives.ReadUInt32LittleEndian(tail.Bytes.AsSpan(locator)) != Zip64LocatorSignature)
                throw new FormatException("zip64 locator missing");
            var eocd64Offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail.Bytes.AsSpan(locator + 8));
            byte[] eocd64;
            if (eocd64Offset >= tail.Offset)
                eocd64 = tail.Bytes.AsSpan((int)(eocd64Offset - tail.Offset)).ToArray();
            else
            {
                eocd64 = await FetchAsync(eocd64Offset, 56, ct).ConfigureAwait(false);
                requests++;
            }
            if (eocd64.Length < 56 || BinaryPrimitives.ReadUInt32LittleEndian(eocd64) != Zip64EocdSignature)
                throw new FormatException("zip64 end-of-central-directory record missing");
            cdSize = (long)BinaryPrimitives.ReadUInt64LittleEndian(eocd64.AsSpan(40));
            cdOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(eocd64.AsSpan(48));
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > total)
            throw new FormatException("central directory outside the file");

        byte[] cd;
        if (cdOffset >= tail.Offset)
            cd = tail.Bytes.AsSpan((int)(cdOffset - tail.Offset), (int)cdSize).ToArray();
        else
        {
            cd = await FetchAsync(cdOffset, cdSize, ct).ConfigureAwait(false);
            requests++;
        }

        var entries = ParseCentralDirectory(cd);
        var chosen = select(entries.Select(e => e.Name).ToList());
        if (chosen is null) return new Result(null, null, requests);
        var entry = entries.First(e => e.Name == chosen);

        // The local header's extra field may differ from the central one: read a little more than needed.
        var guess = 30 + entry.NameLength + entry.ExtraLength + entry.CompressedSize + 512;
        var local = await FetchAsync(entry.LocalOffset, Math.Min(guess, total - entry.LocalOffset), ct).ConfigureAwait(false);
        requests++;
        if (local.Length < 30 || BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalSignature)
            throw new FormatException("local file header missing");
        var dataStart = 30 + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28));
        byte[] data;
        if (dataStart + entry.CompressedSize <= local.Length)
            data = local.AsSpan(dataStart, (int)entry.CompressedSize).ToArray();
        else
        {
            data = await FetchAsync(entry.LocalOffset + dataStart, entry.CompressedSize, ct).ConfigureAwait(false);
            requests++;
        }
        return new Result(Inflate(data, entry), null, requests);
    }

    private async Task<byte[]> FetchAsync(long offset, long length, CancellationToken ct)
    {
        if (length <= 0) return [];
        var response = await _http.GetRangeAsync(_url, offset, offset + length - 1, 0, ct).ConfigureAwait(false)
            ?? throw new FormatException("the server refused the range request");
        if (response.BodySkipped)
            throw new FormatException("the server stopped honouring Range");
        if (!response.Partial)
        {
            // A server may honour the first Range and not the next (CDN edge differences): cut what we asked for.
            if (offset + length > response.Bytes.Length) throw new FormatException("range beyond the file");
            return response.Bytes.AsSpan((int)offset, (int)length).ToArray();
        }
        if (response.Offset != offset || response.Bytes.Length != length)
            throw new FormatException("the server answered a different range");
        return response.Bytes;
    }

    private sealed record CentralEntry(string Name, ushort Method, long CompressedSize, long UncompressedSize, long LocalOffset, int NameLength, int ExtraLength);

    private static List<CentralEntry> ParseCentralDirectory(byte[] cd)
    {
        var entries = new List<CentralEntry>();
        var pos = 0;
        while (pos + 46 <= cd.Length && BinaryPrimitives.ReadUInt32LittleEndian(cd.AsSpan(pos)) == CentralSignature)
        {
            var span = cd.AsSpan(pos);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(span[10..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(span[20..]);
            long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(span[24..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(span[32..]);
            long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(span[42..]);
            if (pos + 46 + nameLength + extraLength + commentLength > cd.Length)
                throw new FormatException("truncated central directory");
            var name = System.Text.Encoding.UTF8.GetString(span.Slice(46, nameLength));
            ReadZip64Extra(span.Slice(46 + nameLength, extraLength), ref uncompressed, ref compressed, ref localOffset);
            entries.Add(new CentralEntry(name, method, compressed, uncompressed, localOffset, nameLength, extraLength));
            pos += 46 + nameLength + extraLength + commentLength;
        }
        if (entries.Count == 0) throw new FormatException("empty or unreadable central directory");
        return entries;
    }

    /// <summary>Zip64 extended information (header 0x0001): the 64-bit values of fields set to 0xFFFFFFFF, in order.</summary>
    private static void ReadZip64Extra(ReadOnlySpan<byte> extra, ref long uncompressed, ref long compressed, ref long localOffset)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (4 + size > extra.Length) return;
            if (id == 0x0001)
            {
                var field = extra.Slice(4, size);
                if (uncompressed == uint.MaxValue && field.Length >= 8) { uncompressed = (long)BinaryPrimitives.ReadUInt64LittleEndian(field); field = field[8..]; }
                if (compressed == uint.MaxValue && field.Length >= 8) { compressed = (long)BinaryPrimitives.ReadUInt64LittleEndian(field); field = field[8..]; }
                if (localOffset == uint.MaxValue && field.Length >= 8) localOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(field);
                return;
            }
            extra = extra[(4 + size)..];
        }
    }

    private static byte[] Inflate(byte[] data, CentralEntry entry)
    {
        switch (entry.Method)
        {
            case 0: return data;
            case 8:
                using (var inflater = new DeflateStream(new MemoryStream(data), CompressionMode.Decompress))
                using (var output = new MemoryStream())
                {
                    inflater.CopyTo(output);
                    return output.ToArray();
                }
            default: throw new FormatException($"unsupported zip compression method {entry.Method}");
        }
    }

    private static int LastIndexOf(byte[] bytes, uint signature, int start)
    {
        for (var i = Math.Min(start, bytes.Length - 4); i >= 0; i--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == signature)
                return i;
        return -1;
    }
}
