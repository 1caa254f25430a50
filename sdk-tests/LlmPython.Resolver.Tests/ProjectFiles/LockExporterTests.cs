using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Exporting;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Tests.ProjectFiles;

/// <summary>PythonExport's files: PEP 751 pylock.&lt;section&gt;.toml and requirements.&lt;section&gt;.txt, deterministic.</summary>
public sealed class LockExporterTests : IDisposable
{
    private readonly ProjectFileFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly string ShaA = new('a', 64), ShaB = new('b', 64), ShaC = new('c', 64), ShaD = new('d', 64);

    private static LockFile Lock() => new()
    {
        InputsHash = "sha256:x",
        Environments =
        [
            new LockedEnvironment
            {
                Name = "cp311-linux-x86_64-cu124", PythonVersion = "3.11.4", Platform = "manylinux_2_35_x86_64", Backend = "cu124",
                Packages =
                [
                    new LockedPackage { Name = "torch", Version = "2.4.0+cu124", Source = "https://download.pytorch.org/whl/cu124", FileName = "torch-2.4.0+cu124-cp311-cp311-linux_x86_64.whl",
                        Url = "https://download.pytorch.org/whl/cu124/torch-2.4.0%2Bcu124-cp311-cp311-linux_x86_64.whl", Sha256 = ShaB, Size = 42, Dependencies = [new LockedDependency { Name = "numpy" }] },
                    new LockedPackage { Name = "numpy", Version = "2.0.0", Source = "https://pypi.org/simple", FileName = "numpy-2.0.0-cp311-cp311-manylinux_2_17_x86_64.whl",
                        Url = "https://files.example/numpy-2.0.0-cp311-cp311-manylinux_2_17_x86_64.whl", Sha256 = ShaA, Size = 7 },
                    new LockedPackage { Name = "local-tool", Version = "0.1", Source = "direct", FileName = "local_tool-0.1-py3-none-any.whl",
                        Url = "wheels/local_tool-0.1-py3-none-any.whl", Sha256 = ShaC, Size = 3 },
                    new LockedPackage { Name = "linked", Version = "1.0", Source = "vendor", FileName = "linked-1.0-py3-none-any.whl",
                        Url = "vendor/linked-1.0-py3-none-any.whl", Sha256 = ShaD, Size = 5 },
                ],
            },
        ],
    };

    private IReadOnlyList<string> Export(ExportFormats formats = ExportFormats.Pylock | ExportFormats.Requirements) =>
        LockExporter.Export(Lock(), _folder.PathOf("python.lock.json"), _folder.Root, _folder.PathOf("out"), formats, [_folder.PathOf("vendor")]);

    [Fact]
    public void Pylock_HasThePep751Fields_PerPackageSortedByName()
    {
        var pylock = File.ReadAllText(Assert.Single(Export(ExportFormats.Pylock)));

        Assert.EndsWith("pylock.cp311-linux-x86_64-cu124.toml", _folder.PathOf("out/pylock.cp311-linux-x86_64-cu124.toml"), StringComparison.Ordinal);
        Assert.Contains("lock-version = \"1.0\"\n", pylock, StringComparison.Ordinal);
        Assert.Contains("environments = [\"python_version == '3.11' and sys_platform == 'linux' and platform_machine == 'x86_64'\"]\n", pylock, StringComparison.Ordinal);
        Assert.Contains("requires-python = \"==3.11.*\"\n", pylock, StringComparison.Ordinal);
        Assert.Contains("created-by = \"LlmPython.Sdk\"\n", pylock, StringComparison.Ordinal);
        Assert.Contains("""
            [[packages]]
            name = "torch"
            version = "2.4.0+cu124"
            index = "https://download.pytorch.org/whl/cu124"
            dependencies = [{ name = "numpy" }]
            wheels = [
                { name = "torch-2.4.0+cu124-cp311-cp311-linux_x86_64.whl", url = "https://download.pytorch.org/whl/cu124/torch-2.4.0%2Bcu124-cp311-cp311-linux_x86_64.whl", size = 42, hashes = { sha256 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" } },
            ]
            """.ReplaceLineEndings("\n"), pylock, StringComparison.Ordinal);
        // Local files are paths relative to the pylock file; only index packages name an index.
        Assert.Contains("path = \"../wheels/local_tool-0.1-py3-none-any.whl\"", pylock, StringComparison.Ordinal);
        Assert.Equal(2, pylock.Split("\nindex = ").Length - 1);
        var names = pylock.Split('\n').Where(l => l.StartsWith("name = ", StringComparison.Ordinal)).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Requirements_ListIndexesFindLinksAndEveryPackageWithItsHash()
    {
        var text = File.ReadAllText(Assert.Single(Export(ExportFormats.Requirements)));

        Assert.Contains("""
            --index-url https://download.pytorch.org/whl/cu124
            --extra-index-url https://pypi.org/simple
            --find-links ../vendor
            linked==1.0 \
                --hash=sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd
            ../wheels/local_tool-0.1-py3-none-any.whl \
                --hash=sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc
            numpy==2.0.0 \
                --hash=sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
            torch==2.4.0+cu124 \
                --hash=sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
            """.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
        Assert.StartsWith("# Exported by LlmPython.Sdk from python.lock.json, section cp311-linux-x86_64-cu124.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoExports_AreByteIdentical_AndUnchangedFilesAreNotRewritten()
    {
        var files = Export();
        var first = files.Select(File.ReadAllBytes).ToList();
        var times = files.Select(File.GetLastWriteTimeUtc).ToList();
        Thread.Sleep(20);
        Assert.Equal(files, Export());
        Assert.Equal(first, files.Select(File.ReadAllBytes).ToList());
        Assert.Equal(times, files.Select(File.GetLastWriteTimeUtc).ToList());
    }

    [Theory]
    [InlineData(null, ExportFormats.Pylock | ExportFormats.Requirements)]
    [InlineData("pylock", ExportFormats.Pylock)]
    [InlineData("Requirements", ExportFormats.Requirements)]
    [InlineData("pylock;requirements", ExportFormats.Pylock | ExportFormats.Requirements)]
    public void Formats_Parse(string? value, ExportFormats expected) => Assert.Equal(expected, LockExporter.ParseFormats(value));

    [Fact]
    public void UnknownFormat_IsLLMPY0660() =>
        Assert.Equal("LLMPY0660", Assert.Throws<LlmPyException>(() => LockExporter.ParseFormats("pylock;poetry")).Code);

    [Fact]
    public void EmptyLock_IsLLMPY0661() =>
        Assert.Equal("LLMPY0661", Assert.Throws<LlmPyException>(() =>
            LockExporter.Export(new LockFile { InputsHash = "x" }, "python.lock.json", _folder.Root, _folder.Root, ExportFormats.Pylock, [])).Code);
}
