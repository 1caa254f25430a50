using LlmPython.Resolver.Building;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// A PEP 517 build environment made by our own resolver and installer: the build requirements are resolved (wheels only)
/// from the same indexes as the project, for the target interpreter, and installed into a fresh venv.
/// </summary>
internal sealed class BuildEnvironmentInstaller : IBuildEnvironmentInstaller
{
    private readonly RestoreSession _session;
    private readonly Func<IndexResolverSource> _source;

    public BuildEnvironmentInstaller(RestoreSession session, Func<IndexResolverSource> source)
    {
        _session = session;
        _source = source;
    }

    public async Task<string> InstallAsync(string folder, IReadOnlyList<string> requirements, string forPackage, CancellationToken cancellationToken)
    {
        var request = new ResolutionRequest
        {
            Roots = requirements.Select(r => new ResolutionRoot(Requirement.Parse(r))).ToList(),
            Environment = _session.Target.Markers,
            TargetPython = Pep440Version.Parse(_session.Target.PythonVersion),
        };
        ResolutionResult result;
        try
        {
            result = await new PubGrubResolver(_source()).ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ResolutionException e)
        {
            throw new LlmPyException(DiagnosticCodes.SourceBuild.BuildRequirementsUnresolvable,
                $"The build requirements of {forPackage} ({string.Join(", ", requirements)}) cannot be resolved to wheels: {e.Message}", e)
            { PackageName = forPackage };
        }
        var downloader = new WheelDownloader(_session.Http, _session.Cache);
        var desired = new List<DesiredWheel>();
        foreach (var node in result.Packages)
        {
            var file = ((IndexDistribution)node.Candidate.Distribution!).File;
            var downloaded = await downloader.DownloadAsync(file, null, cancellationToken).ConfigureAwait(false);
            desired.Add(new DesiredWheel(node.Name.Value, node.Version.ToString(), downloaded.Path, downloaded.Sha256, Requested: true, FileName: file.FileName));
        }
        var updated = await new EnvironmentUpdater(new UnpackedWheelStore(_session.Cache))
            .UpdateAsync(folder, _session.BaseInterpreter, desired, cancellationToken).ConfigureAwait(false);
        return updated.Layout.Python;
    }
}
