using System.Text.Json.Serialization;

namespace LlmPython.Resolver.Installation;

/// <summary>What <c>wheel.json</c> of an unpacked wheel records: its file name, sha256, .dist-info and extracted files.</summary>
internal sealed record UnpackedWheelManifest(string FileName, string Sha256, string DistInfo, IReadOnlyList<string> Files);

/// <summary>Source-generated: every restore reads one manifest per wheel, and setting up reflection-based (de)serialization costs a build process tens of milliseconds.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(UnpackedWheelManifest))]
internal sealed partial class UnpackedWheelManifestJson : JsonSerializerContext;
