using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.ProjectFiles;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.ProjectFiles;

/// <summary>--hash: a locked file whose sha256 is not listed for its package is refused (LLMPY0076).</summary>
public sealed class HashPinsTests
{
    private static readonly string Good = new('a', 64);
    private static readonly string Other = new('b', 64);

    private static LockedEnvironment Section(string sha256) => new()
    {
        Name = "cp311-linux-x86_64", PythonVersion = "3.11.4", Platform = "manylinux_2_35_x86_64",
        Packages =
        [
            new LockedPackage { Name = "alpha", Version = "1.0", Source = "https://i.example/simple", FileName = "alpha-1.0-py3-none-any.whl", Url = "https://i.example/alpha-1.0-py3-none-any.whl", Sha256 = sha256 },
            new LockedPackage { Name = "beta", Version = "2.0", Source = "https://i.example/simple", FileName = "beta-2.0-py3-none-any.whl", Url = "https://i.example/beta-2.0-py3-none-any.whl", Sha256 = Other },
        ],
    };

    private static RestoreRequest Request(params HashPin[] pins) => new()
    {
        ProjectPath = "/p/App.csproj", LockFilePath = "/p/python.lock.json", EnvironmentDirectory = "/p/obj/python/venv", RequiredHashes = pins,
    };

    [Fact]
    public void ListedHash_Passes_AndUnpinnedPackagesAreNotRestricted() =>
        HashPins.Verify(Request(new HashPin("alpha", [Other, Good], "requirements.txt", 3)), Section(Good));

    [Fact]
    public void UnlistedHash_IsRefused_NamingPackageFileAndLine()
    {
        var error = Assert.Throws<LlmPyException>(() => HashPins.Verify(Request(new HashPin("alpha", [Other], "requirements.txt", 3)), Section(Good)));
        Assert.Equal("LLMPY0076", error.Code);
        Assert.Equal("alpha", error.PackageName);
        Assert.Contains("alpha 1.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("requirements.txt(3)", error.Message, StringComparison.Ordinal);
        Assert.Contains(Good, error.Message, StringComparison.Ordinal);
        Assert.Equal(("requirements.txt", 3), (error.SourceFile, error.SourceLine));
    }

    [Fact]
    public void PinsOfTheSamePackage_FromSeveralLines_Unite() =>
        HashPins.Verify(Request(new HashPin("alpha", [Other], "a.txt", 1), new HashPin("alpha", [Good], "b.txt", 1)), Section(Good));
}
