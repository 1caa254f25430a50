namespace LlmPython.Resolver.Environments;

/// <summary>One distribution the environment must contain, as the lock names it.</summary>
/// <param name="Name">Project name (normalized on use).</param>
/// <param name="WheelPath">Local path of the wheel file (normally in the cache).</param>
/// <param name="Sha256">Lower-case hex sha256 of the wheel (verified before unpacking).</param>
/// <param name="Requested">A top-level item: gets <c>REQUESTED</c>.</param>
/// <param name="DirectUrl">URL for PEP 610 <c>direct_url.json</c> when the user named the wheel by path or URL.</param>
/// <param name="FileName">The wheel's real file name when <paramref name="WheelPath"/> is named otherwise.</param>
public sealed record DesiredWheel(string Name, string Version, string WheelPath, string Sha256, bool Requested, string? DirectUrl = null, string? FileName = null);
