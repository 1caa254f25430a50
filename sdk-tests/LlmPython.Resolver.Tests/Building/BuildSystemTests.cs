using System.Formats.Tar;
using System.IO.Compression;
using LlmPython.Resolver.Building;
using LlmPython.Resolver.Diagnostics;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Building;

public class BuildSystemTests
{
    [Fact]
    public void Reads_requires_backend_and_backend_path()
    {
        var system = BuildSystem.Parse("""
            [project]
            name = "x"  # requires = ["not this"]

            [build-system]
            # a comment
            requires = [
                "hatchling>=1.18",   # trailing comment
                'hatch-vcs',
            ]
            build-backend = "hatchling.build"
            backend-path = ["_build"]

            [tool.hatch]
            requires = ["no"]
            """);
        Assert.Equal(["hatchling>=1.18", "hatch-vcs"], system.Requires);
        Assert.Equal("hatchling.build", system.Backend);
        Assert.Equal(["_build"], system.BackendPath);
    }

    [Theory]
    [InlineData("[project]\nname = \"x\"\n")]
    [InlineData("")]
    public void Without_a_build_system_table_the_legacy_setuptools_backend_is_used(string toml) =>
        Assert.Equal(BuildSystem.Legacy, BuildSystem.Parse(toml));

    [Fact]
    public void Requires_without_a_backend_means_the_legacy_backend() =>
        Assert.Equal("setuptools.build_meta:__legacy__", BuildSystem.Parse("[build-system]\nrequires = [\"setuptools\"]\n").Backend);

    [Fact]
    public void An_entry_outside_the_sdist_folder_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("llmpy-sdist-test-").FullName;
        try
        {
            var path = Path.Combine(dir, "evil-1.0.tar.gz");
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "evil-1.0/../../escaped.txt") { DataStream = new MemoryStream([1]) });
            var e = Assert.Throws<LlmPyException>(() => SdistArchive.Extract(path, "evil-1.0.tar.gz", Path.Combine(dir, "out")));
            Assert.Equal(DiagnosticCodes.SourceBuild.InvalidSdist, e.Code);
            Assert.False(File.Exists(Path.Combine(dir, "escaped.txt")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Pkg_info_is_read_from_the_top_folder()
    {
        var dir = Directory.CreateTempSubdirectory("llmpy-sdist-test-").FullName;
        try
        {
            var sdist = new SdistArchiveBuilder("demo", "1.0").PkgInfo("2.2", ["tiny-dep"]).Add("sub/PKG-INFO", "Metadata-Version: 9.9\n");
            var path = Path.Combine(dir, sdist.FileName);
            File.WriteAllBytes(path, sdist.Build());
            var input = new SdistBuildInput("demo", "1.0", path, sdist.FileName, new string('0', 64));
            Assert.Contains("Requires-Dist: tiny-dep", SdistBuilder.StaticMetadata(input));
            var dynamic = new SdistArchiveBuilder("demo", "1.0").PkgInfo("2.2", ["tiny-dep"], dynamic: ["Requires-Dist"]);
            File.WriteAllBytes(path, dynamic.Build());
            Assert.Null(SdistBuilder.StaticMetadata(input));
            File.WriteAllBytes(path, new SdistArchiveBuilder("demo", "1.0").PkgInfo("2.1", ["tiny-dep"]).Build());
            Assert.Null(SdistBuilder.StaticMetadata(input));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
