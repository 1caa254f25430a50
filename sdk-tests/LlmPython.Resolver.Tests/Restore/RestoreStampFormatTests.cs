using System.Text;
using LlmPython.Resolver.Restore;
using LlmPython.Resolver.Restore.NoOp;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>restore.stamp's hand-written JSON: round trip, tolerance of unknown properties, damage = no stamp.</summary>
public class RestoreStampFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmpy-stamp-").FullName;

    private string StampPath => Path.Combine(_dir, "restore.stamp");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly RestoreStamp Full = new("sha256:ab|cp311-linux-x86_64|3.11.7|/py|False|", "cd", "/p/obj/python/venv/")
    {
        LockSection = "cp311-linux-x86_64",
        NoOpKey = "K",
        EnvironmentPython = "/p/obj/python/venv/bin/python",
        SitePackages = "/p/obj/python/venv/lib/python3.11/site-packages",
        Packages = [new("tiny-colors", "0.4.1", "https://h/t.whl", "ef"), new("x", "1", "file:///a \"b\".whl", "01")],
        Files = [new("/p/obj/python/venv/pyvenv.cfg", 215, 639310357572767624)],
    };

    [Fact]
    public void Every_field_round_trips()
    {
        Full.Write(StampPath);
        var read = RestoreStamp.TryRead(StampPath)!;
        Assert.Equal(Full with { Packages = null, Files = null }, read with { Packages = null, Files = null });
        Assert.Equal(Full.Packages, read.Packages);
        Assert.Equal(Full.Files, read.Files);
    }

    [Fact]
    public void A_stamp_without_the_fast_path_fields_round_trips_with_nulls()
    {
        var minimal = new RestoreStamp("a", "b", "d");
        minimal.Write(StampPath);
        Assert.Equal(minimal, RestoreStamp.TryRead(StampPath));
        Assert.DoesNotContain("NoOpKey", File.ReadAllText(StampPath));
    }

    [Fact]
    public void Unknown_properties_are_skipped()
    {
        File.WriteAllText(StampPath, """{"Future":{"a":[1,2]},"EngineKey":"a","LockSha256":"b","EnvironmentDirectory":"d","Files":[{"Path":"/x","Length":1,"LastWriteTicks":2,"New":true}]}""");
        var read = RestoreStamp.TryRead(StampPath)!;
        Assert.Equal("a", read.EngineKey);
        Assert.Equal(new FileSnapshot("/x", 1, 2), Assert.Single(read.Files!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"EngineKey":"a","LockSha256":"b"}""")]
    [InlineData("""{"InputsHash":"a","LockSha256":"b","EnvironmentName":"c","EnvironmentDirectory":"d"}""")] // before EngineKey: one full restore
    [InlineData("""{"EngineKey":1,"LockSha256":"b","EnvironmentDirectory":"d"}""")]
    [InlineData("""{"EngineKey":"a","LockSha256":"b","EnvironmentDirectory":"d","Files":[{"Path":"/x","Length":"1","LastWriteTicks":2}]}""")]
    [InlineData("""{"EngineKey":"a","LockSha256":"b","EnvironmentDirectory":"d","Packages":[{"Name":"x"}]}""")]
    public void A_damaged_stamp_reads_as_no_stamp(string text)
    {
        File.WriteAllBytes(StampPath, Encoding.UTF8.GetBytes(text));
        Assert.Null(RestoreStamp.TryRead(StampPath));
    }
}
