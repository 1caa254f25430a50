using System.Diagnostics;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Interpreters;

namespace LlmPython.Resolver.Tests.Interpreters;

public sealed class InterpreterLocatorTests : IDisposable
{
    private readonly List<string> _temp = [];

    private string Temp()
    {
        var dir = PyenvFixture.TempDirectory();
        _temp.Add(dir);
        return dir;
    }

    public void Dispose()
    {
        foreach (var dir in _temp) Directory.Delete(dir, recursive: true);
    }

    private static InterpreterLocator PyenvOnly(string cache) =>
        new(cache, new InterpreterSearchPaths { Path = "", PyenvRoot = PyenvFixture.PyenvRoot });

    [Theory]
    [InlineData("3.10")]
    [InlineData("3.11")]
    [InlineData("3.12")]
    public void FindsPyenvInterpreterWithVersionMarkersAndTags(string majorMinor)
    {
        var interpreter = PyenvOnly(PyenvFixture.SharedCache).Locate(majorMinor);
        var info = interpreter.Info!;
        var nodot = majorMinor.Replace(".", "");

        Assert.Equal(PyenvFixture.Interpreter(majorMinor), interpreter.ExecutablePath);
        Assert.Equal(majorMinor, interpreter.MajorMinor);
        Assert.StartsWith(majorMinor + ".", interpreter.Version.ToString());
        Assert.Equal(info.Version, interpreter.Markers["python_full_version"]);
        Assert.Equal("linux", interpreter.Markers["sys_platform"]);
        Assert.Equal("cpython", interpreter.Markers["implementation_name"]);
        Assert.Equal("CPython", interpreter.Markers["platform_python_implementation"]);
        Assert.Equal("posix", interpreter.Markers["os_name"]);
        Assert.Equal(11, interpreter.Markers.Values.Count);
        Assert.Equal(majorMinor, info.MajorMinor);
        Assert.Equal("linux", info.SysPlatform);
        Assert.Equal(8, info.PointerSize);
        Assert.True(Directory.Exists(info.Stdlib), info.Stdlib);
        Assert.True(File.Exists(info.RealExecutable), info.RealExecutable);
        Assert.StartsWith(PyenvFixture.PyenvRoot, info.BasePrefix);
        Assert.Equal($".cpython-{nodot}-x86_64-linux-gnu.so", info.ExtSuffix);

        var (major, minor) = PyenvFixture.HostGlibc();
        var tags = interpreter.Tags.Ordered.Select(t => t.ToString()).ToList();
        Assert.Equal($"cp{nodot}-cp{nodot}-linux_x86_64", tags[0]);
        Assert.Equal($"cp{nodot}-cp{nodot}-manylinux_{major}_{minor}_x86_64", tags[1]);
        Assert.Contains($"cp{nodot}-cp{nodot}-manylinux2014_x86_64", tags);
        Assert.DoesNotContain($"cp{nodot}-cp{nodot}-manylinux_{major}_{minor + 1}_x86_64", tags);
    }

    [Theory]
    [InlineData("3.10")]
    [InlineData("3.12")]
    public void TagsEqualPipsVendoredPackagingApartFromLinuxTagPosition(string majorMinor)
    {
        // pip vendors packaging 21.3, which lists linux_* after manylinux and has no cpXY-none-any; all else agrees.
        var interpreter = PyenvOnly(PyenvFixture.SharedCache).Locate(majorMinor);
        var psi = new ProcessStartInfo(interpreter.ExecutablePath) { RedirectStandardOutput = true };
        foreach (var a in new[] { "-I", "-c", "from pip._vendor.packaging import tags\nfor t in tags.sys_tags(): print(t)" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var expected = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        p.WaitForExit();
        var actual = interpreter.Tags.Ordered.Select(t => t.ToString()).ToList();
        Assert.True(expected.Length > 500);
        // packaging 26.3 (the vectors' version) also lists cpXY-none-any right before the py*-none-any tags.
        var interpreterAny = $"cp{majorMinor.Replace(".", "")}-none-any";
        Assert.Equal(actual.IndexOf($"py{majorMinor.Replace(".", "")}-none-any") - 1, actual.IndexOf(interpreterAny));
        Assert.DoesNotContain(interpreterAny, expected);
        actual.Remove(interpreterAny);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Where(t => !t.EndsWith("-linux_x86_64")), actual.Where(t => !t.EndsWith("-linux_x86_64")));
    }

    [Theory]
    [InlineData("3.6", "cp36m")]
    [InlineData("3.13", "cp313")]
    public void ProbeRunsOnOldestAndNewestSupportedPython(string majorMinor, string abi)
    {
        var interpreter = PyenvOnly(PyenvFixture.SharedCache).Locate(majorMinor);
        var nodot = majorMinor.Replace(".", "");
        Assert.Equal(majorMinor, interpreter.MajorMinor);
        Assert.Equal($"cp{nodot}-{abi}-linux_x86_64", interpreter.Tags.Ordered[0].ToString());
        Assert.Contains($"cp{nodot}-abi3-manylinux1_x86_64", interpreter.Tags.Ordered.Select(t => t.ToString()));
        Assert.Equal(new ElfHeader { Class = 2, Data = 1, Machine = 62, Flags = 0 }, interpreter.Info!.Elf);
    }

    [Fact]
    public void SecondQueryIsAnsweredFromTheCacheWithoutStartingAProcess()
    {
        var cache = Temp();
        var first = PyenvOnly(cache);
        var a = first.Locate("3.11");
        Assert.Equal(1, first.ProcessesStarted);

        var second = PyenvOnly(cache);
        var b = second.Locate("3.11");
        var c = second.Inspect(a.ExecutablePath);
        Assert.Equal(0, second.ProcessesStarted);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a.Info), System.Text.Json.JsonSerializer.Serialize(b.Info));
        Assert.Equal(a.Tags.Ordered, c.Tags.Ordered);
        Assert.Equal(a.Markers.Values, b.Markers.Values);
        Assert.Single(Directory.GetFiles(cache));
    }

    [Fact]
    public void ProjectsOfOneProcessReadTheCachedAnswerOnceAndShareItsTags()
    {
        // An MSBuild node restores one project after another: after the first, neither a process nor the entry file is needed.
        var cache = Temp();
        var first = PyenvOnly(cache).Locate("3.11");
        foreach (var entry in Directory.GetFiles(cache)) File.Delete(entry);

        var next = PyenvOnly(cache);
        var again = next.Locate("3.11");
        Assert.Equal(0, next.ProcessesStarted);
        Assert.Same(first.Info, again.Info);
        Assert.Same(first.Tags, again.Tags);
    }

    [Fact]
    public void FakePathFindsVersionedNameThenGenericScript()
    {
        var bin = Temp();
        File.CreateSymbolicLink(Path.Combine(bin, "python3.10"), PyenvFixture.Interpreter("3.10"));
        var wrapper = Path.Combine(bin, "python3");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{PyenvFixture.Interpreter("3.12")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var locator = new InterpreterLocator(PyenvFixture.SharedCache, new InterpreterSearchPaths { Path = "/nonexistent:" + bin });

        Assert.Equal(Path.Combine(bin, "python3.10"), locator.Locate("3.10").ExecutablePath);
        Assert.Equal(wrapper, locator.Locate("3.12").ExecutablePath);
        Assert.Equal("3.12", locator.Locate(null).MajorMinor);
        // The wrapper is a script: never cached, so it is probed each time; the symlinked binary once.
        var before = locator.ProcessesStarted;
        locator.Locate("3.10");
        Assert.Equal(before, locator.ProcessesStarted);
    }

    [Fact]
    public void NoMatchListsWhatWasFoundAndHowToFix()
    {
        var bin = Temp();
        File.CreateSymbolicLink(Path.Combine(bin, "python3"), PyenvFixture.Interpreter("3.10"));
        var locator = new InterpreterLocator(PyenvFixture.SharedCache, new InterpreterSearchPaths { Path = bin, PyenvRoot = PyenvFixture.PyenvRoot });
        var e = Assert.Throws<LlmPyException>(() => locator.Locate("3.99"));
        Assert.Equal(DiagnosticCodes.Interpreters.NoMatchingInterpreter, e.Code);
        Assert.Contains("PythonVersion '3.99'", e.Message);
        Assert.Contains(Path.Combine(bin, "python3") + " (3.10.", e.Message);
        Assert.Contains("PythonExecutable", e.Message);
        Assert.Contains("pyenv install 3.99", e.Message);
    }

    [Fact]
    public void ExplicitExecutableWinsAndIsChecked()
    {
        var locator = PyenvOnly(PyenvFixture.SharedCache);
        var py312 = PyenvFixture.Interpreter("3.12");
        Assert.Equal(py312, locator.Locate("3.12", py312).ExecutablePath);
        Assert.Equal(py312, locator.Locate(null, py312).ExecutablePath);
        Assert.Equal(DiagnosticCodes.Interpreters.ExecutableVersionMismatch, Assert.Throws<LlmPyException>(() => locator.Locate("3.11", py312)).Code);
        Assert.Equal(DiagnosticCodes.Interpreters.ExecutableNotFound, Assert.Throws<LlmPyException>(() => locator.Locate("3.11", "/no/such/python")).Code);
        Assert.Equal(DiagnosticCodes.Interpreters.ProbeFailed, Assert.Throws<LlmPyException>(() => locator.Locate(null, "/bin/false")).Code);
        Assert.Equal(DiagnosticCodes.Interpreters.InvalidPythonVersion, Assert.Throws<LlmPyException>(() => locator.Locate("3")).Code);
    }

    [Fact]
    public void FullVersionMustMatchExactly()
    {
        var locator = PyenvOnly(PyenvFixture.SharedCache);
        var full = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(PyenvFixture.Interpreter("3.11"))))!;
        Assert.Equal(full, locator.Locate(full).Info!.Version);
        Assert.Equal(DiagnosticCodes.Interpreters.NoMatchingInterpreter, Assert.Throws<LlmPyException>(() => locator.Locate("3.11.99")).Code);
    }
}
