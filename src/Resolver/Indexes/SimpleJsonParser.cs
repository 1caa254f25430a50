using System.Text.Json;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Indexes;

/// <summary>
/// PEP 691 JSON project pages (api-version 1.x): files with url (relative ones resolved against the page),
/// hashes, requires-python, yanked (bool or reason), core-metadata / dist-info-metadata (bool or hashes), size.
/// Throws <see cref="FormatException"/> on a document that is not one.
/// </summary>
public static class SimpleJsonParser
{
    public static IReadOnlyList<DistributionFile> Parse(string json, Uri pageUrl)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new FormatException("not a JSON document: " + e.Message, e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("a PEP 691 page is a JSON object");
            if (root.TryGetProperty("meta", out var meta) && meta.TryGetProperty("api-version", out var version)
                && version.ValueKind == JsonValueKind.String && !(version.GetString() ?? "").StartsWith("1.", StringComparison.Ordinal))
                throw new FormatException($"unsupported PEP 691 api-version '{version.GetString()}' (1.x expected)");
            if (!root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
                throw new FormatException("a PEP 691 project page has a 'files' array");

            var result = new List<DistributionFile>();
            foreach (var f in files.EnumerateArray())
            {
                var fileName = RequiredString(f, "filename");
                var url = new Uri(pageUrl, RequiredString(f, "url"));
                if (!ProjectNames.IsDistribution(fileName)) continue;
                var yanked = f.TryGetProperty("yanked", out var y) ? y : default;
                var metadata = f.TryGetProperty("core-metadata", out var cm) ? cm
                    : f.TryGetProperty("dist-info-metadata", out var dm) ? dm : default;
                result.Add(new DistributionFile
                {
                    FileName = fileName,
                    Url = UrlRedaction.StripUserInfo(url, dropFragment: true),
                    Hashes = f.TryGetProperty("hashes", out var h) ? HashObject(h) : new Dictionary<string, string>(),
                    RequiresPython = f.TryGetProperty("requires-python", out var rp) && rp.ValueKind == JsonValueKind.String
                        && rp.GetString()!.Trim().Length > 0 ? rp.GetString()!.Trim() : null,
                    Yanked = yanked.ValueKind is JsonValueKind.True or JsonValueKind.String,
                    YankedReason = yanked.ValueKind == JsonValueKind.String && yanked.GetString()!.Length > 0 ? yanked.GetString() : null,
                    HasCoreMetadata = metadata.ValueKind is JsonValueKind.True or JsonValueKind.Object,
                    CoreMetadataHashes = metadata.ValueKind == JsonValueKind.Object ? HashObject(metadata) : new Dictionary<string, string>(),
                    Size = f.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var s) ? s : null,
                });
            }
            return result;
        }
    }

    private static string RequiredString(JsonElement file, string property) =>
        file.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s : throw new FormatException($"a PEP 691 file entry lacks '{property}'");

    private static IReadOnlyDictionary<string, string> HashObject(JsonElement element)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object) return hashes;
        foreach (var p in element.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } digest)
                hashes[p.Name.ToLowerInvariant()] = digest.ToLowerInvariant();
        return hashes;
    }
}
