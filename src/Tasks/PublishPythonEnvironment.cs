using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Publishing;
using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;

namespace LlmPython.Tasks;

/// <summary>
/// Writes the materialized environment into the publish folder (<c>$(PublishDir)python/</c>) in the
/// engine's relocatable layout: site-packages and scripts, a manifest the generated PythonEnvironment
/// class reads, and no build-machine path in any file of the environment. Self-contained
/// (<c>PythonSelfContained</c>), the folder also holds a copy of the interpreter: this machine's base
/// interpreter, or the one in <c>PythonRuntimeArchive</c> for another platform.
/// The destination is replaced wholesale so files of an older publish never linger.
/// </summary>
public sealed class PublishPythonEnvironment : RestoreTaskBase
{
    /// <summary>The folder the restore filled (its MaterializedEnvironmentDirectory output); empty when no restore ran in this
    /// build (<c>publish --no-build</c>): then the described target's folder for <c>RuntimeIdentifier</c> if there is one, else the venv.</summary>
    public string MaterializedEnvironmentDirectory { get; set; } = "";

    [Required] public string DestinationDirectory { get; set; } = "";

    /// <summary>PythonSelfContained: <c>true</c> ships an interpreter with the environment.</summary>
    public string SelfContained { get; set; } = "";

    /// <summary>PythonRuntimeArchive: path or URL of an interpreter archive (install_only layout), for another platform.</summary>
    public string RuntimeArchive { get; set; } = "";

    /// <summary>PythonRuntimeArchiveSha256 (else a <c>#sha256=</c> fragment of <see cref="RuntimeArchive"/>).</summary>
    public string RuntimeArchiveSha256 { get; set; } = "";

    /// <summary>Number of files written, for the log and tests.</summary>
    [Output] public int FileCount { get; private set; }

    protected override bool ExecuteCore()
    {
        var request = BuildRequest(lockOnly: true);
        string source = SourceDirectory(request);
        string destination = Path.GetFullPath(DestinationDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var config = VirtualEnvironmentWriter.ReadConfig(source)
            ?? throw new LlmPyException(DiagnosticCodes.Publish.PublishEnvironmentMissing,
                $"There is no Python environment at '{source}' to publish. Run 'dotnet build' (or the PythonRestore target) " +
                "before publishing, or set PythonPublish=false to publish without Python.");
        try
        {
            var runtime = IsSelfContained() ? ChooseRuntime(config, source, request) : null;
            var manifest = RelocatableEnvironmentWriter.Write(source, destination, runtime, request.CompileBytecode);
            FileCount = Directory.EnumerateFiles(destination, "*", SearchOption.AllDirectories).Count();
            Log.LogMessage(MessageImportance.Normal, "LlmPython: published Python {0} environment ({1} packages, {2} files{3}) to {4}",
                manifest.PythonVersion, manifest.Packages.Count, FileCount, manifest.Interpreter is null ? "" : ", with its interpreter", destination);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LlmPyException(DiagnosticCodes.Publish.PublishCopyFailed,
                $"Copying the Python environment '{source}' to '{destination}' failed: {ex.Message}. " +
                "Check free disk space and that no running process holds files in the publish folder, then publish again.", ex);
        }
        return true;
    }

    private string SourceDirectory(RestoreRequest request)
    {
        if (!string.IsNullOrWhiteSpace(MaterializedEnvironmentDirectory))
            return Path.GetFullPath(MaterializedEnvironmentDirectory);
        if (request.RuntimeIdentifier is { } rid && RestoreLayout.DescribedTargetDirectory(request, rid) is var described
            && File.Exists(Path.Combine(described, "pyvenv.cfg")))
            return described;
        return request.EnvironmentDirectory;
    }

    private bool IsSelfContained() => SelfContained.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" or "" => false,
        _ => throw new LlmPyException(DiagnosticCodes.Inputs.InvalidSelfContained,
            $"PythonSelfContained is '{SelfContained}'; it must be true (ship an interpreter in the publish folder) or false (the target machine's Python runs the app). Fix the property."),
    };

    /// <summary>An archive when one is named; else this machine's base interpreter, which a described target (another RID) has not.</summary>
    private IPublishedRuntime ChooseRuntime(IReadOnlyDictionary<string, string> config, string source, RestoreRequest request)
    {
        if (!string.IsNullOrWhiteSpace(RuntimeArchive))
            return RuntimeArchiveSource.Create(RuntimeArchive.Trim(), RuntimeArchiveSha256.Trim(), RestoreHttpSettings.For(request), CancellationToken);
        if (!config.TryGetValue("executable", out var executable) || string.IsNullOrEmpty(executable))
            throw new LlmPyException(DiagnosticCodes.Publish.RuntimeArchiveRequired,
                $"A self-contained publish needs an interpreter for the target platform, and the environment '{source}' was made for another " +
                "platform than this machine's (dotnet publish -r). Set PythonRuntimeArchive to that platform's interpreter archive (for example a " +
                "python-build-standalone install_only .tar.gz, with PythonRuntimeArchiveSha256), or publish with PythonSelfContained=false.");
        return InterpreterRuntimeCopier.From(InterpreterRuntime.Probe(executable));
    }
}
