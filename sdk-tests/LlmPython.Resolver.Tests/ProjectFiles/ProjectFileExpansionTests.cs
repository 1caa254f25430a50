using System.Text;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.ProjectFiles;
using LlmPython.Resolver.Restore;
using LlmPython.Resolver.Tests.Restore;

namespace LlmPython.Resolver.Tests.ProjectFiles;

/// <summary>Files join the request after the project's own items; their content is part of the lock inputs and the no-op key.</summary>
public sealed class ProjectFileExpansionTests : IDisposable
{
    private readonly ProjectFileFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private RestoreRequest Request(params string[] files) => new()
    {
        ProjectPath = _folder.PathOf("App.csproj"),
        LockFilePath = _folder.PathOf("python.lock.json"),
        EnvironmentDirectory = _folder.PathOf("obj/python/venv"),
        Packages = [new PackageItem("own")],
        Indexes = [new IndexItem("https://own.example/simple", "own")],
        RequirementsFiles = files.Select(_folder.PathOf).ToList(),
    };

    [Fact]
    public void RequirementsFile_AddsItsItemsAfterTheProjectsOwn_AndReplacesTheDefaultIndex()
    {
        _folder.Write("requirements.txt", "-i https://mirror.example/simple\n--extra-index-url https://own.example/simple\nalpha==1 --hash=sha256:" + new string('a', 64) + "\n");
        var log = new RecordingRestoreLog();

        var expanded = ProjectFileExpansion.Apply(Request("requirements.txt"), log);

        Assert.Equal(["own", "alpha"], expanded.Packages.Select(p => p.Include));
        Assert.Equal(["https://own.example/simple", "https://own.example/simple"], expanded.Indexes.Select(i => i.Url));
        Assert.Equal("https://mirror.example/simple", expanded.PythonIndexUrl);
        Assert.Equal("alpha", Assert.Single(expanded.RequiredHashes).Name);
        Assert.Empty(expanded.RequirementsFiles);
        Assert.Contains(log.Messages, m => m.Contains("--extra-index-url becomes a PythonIndex", StringComparison.Ordinal));
    }

    [Fact]
    public void EditingAnIncludedFile_ChangesTheLockInputs_AndTheNoOpFingerprint()
    {
        _folder.Write("requirements.txt", "-c constraints.txt\nalpha\n");
        _folder.Write("constraints.txt", "alpha<2\n");
        var log = new RecordingRestoreLog();
        string Inputs() => LockInputs.Hash(ProjectFileExpansion.Apply(Request("requirements.txt"), log));
        string Fingerprint()
        {
            var text = new StringBuilder();
            ProjectFileFingerprint.Describe(text, [_folder.PathOf("requirements.txt")], []);
            return text.ToString();
        }

        var (inputs, fingerprint) = (Inputs(), Fingerprint());
        Assert.Equal((inputs, fingerprint), (Inputs(), Fingerprint()));
        Assert.Contains(_folder.PathOf("constraints.txt"), fingerprint, StringComparison.Ordinal);

        _folder.Write("constraints.txt", "alpha<3\n");
        Assert.NotEqual(inputs, Inputs());
        Assert.NotEqual(fingerprint, Fingerprint());
    }

    [Fact]
    public void ARequestWithoutFiles_HasTheSameLockInputsAsBefore()
    {
        var request = Request();
        Assert.Same(request, ProjectFileExpansion.Apply(request, new RecordingRestoreLog()));
        Assert.DoesNotContain("hash|", LockInputs.Describe(request), StringComparison.Ordinal);
    }
}
