namespace LlmPython.Resolver.Installation;

/// <summary>The result of installing a wheel: where its .dist-info is, the RECORD written, and warnings to report.</summary>
/// <param name="LinkedFiles">Files placed by hardlink; the rest of the files were written or copied.</param>
public sealed record InstalledDistribution(string Name, string Version, string DistInfoPath, IReadOnlyList<RecordEntry> Record, int LinkedFiles, int CopiedFiles)
{
    public IReadOnlyList<InstallWarning> Warnings { get; init; } = [];
}
