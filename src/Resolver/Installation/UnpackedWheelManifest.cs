using System.Text.Json;

namespace LlmPython.Resolver.Installation;

/// <summary>What <c>wheel.json</c> of an unpacked wheel records: its file name, sha256, .dist-info and extracted files.</summary>
internal sealed record UnpackedWheelManifest(string FileName, string Sha256, string DistInfo, IReadOnlyList<string> Files)
{
    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };
}
