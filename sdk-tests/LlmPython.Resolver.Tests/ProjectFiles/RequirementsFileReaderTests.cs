using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.ProjectFiles;

namespace LlmPython.Resolver.Tests.ProjectFiles;

/// <summary>pip's requirements format, line by line: what each supported line becomes, and the code of each bad one.</summary>
public sealed class RequirementsFileReaderTests : IDisposable
{
    private const string HashA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string HashB = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    private readonly ProjectFileFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string? Environment(string name) => name switch { "PKG" => "alpha", "INDEX_HOST" => "pkgs.example.com", _ => null };

    private ProjectFileInputs Read(string text)
    {
        _folder.Write("wheels/README", "");
        _folder.Write("other.txt", "beta\n");
        _folder.Write("cons.txt", "beta<2\nzeta\n");
        _folder.Write("sub/nested.txt", "-r ../other.txt\ngamma==1 # from a file in a sub folder\n");
        var inputs = new ProjectFileInputs();
        RequirementsFileReader.Read(_folder.Write("requirements.txt", text), inputs, Environment);
        return inputs;
    }

    // Everything a file contributed, one line each, with the folder written as "<dir>".
    private string Describe(ProjectFileInputs inputs) => string.Join("\n",
        inputs.Packages.Select(p => $"package {p.Include}|{p.Version}|{p.Extras}|{p.Markers}")
            .Concat(inputs.Constraints.Select(c => $"constraint {c.Name}|{c.Version}"))
            .Concat(inputs.Indexes.Select(i => $"index {i.Url}"))
            .Concat(inputs.FindLinks.Select(f => $"find-links {f}"))
            .Concat(inputs.IndexUrl is null ? [] : [$"index-url {inputs.IndexUrl}"])
            .Concat(inputs.Hashes.Select(h => $"hash {h.Name} {string.Join(",", h.Sha256)}")))
        .Replace(_folder.Root, "<dir>", StringComparison.Ordinal);

    [Theory]
    [InlineData("alpha", "package alpha|||")]
    [InlineData("alpha>=1.0,<2", "package alpha|<2,>=1.0||")]
    [InlineData("Alpha[gpu,Audio] == 1.0 ; python_version >= '3.8'", "package Alpha|==1.0|Audio;gpu|python_version >= \"3.8\"")]
    [InlineData("alpha  # a trailing comment", "package alpha|||")]
    [InlineData("# only a comment\n\n   \n", "")]
    [InlineData("alpha>=1 \\\n  ,<2", "package alpha|<2,>=1||")]
    [InlineData("${PKG}==1.0", "package alpha|==1.0||")]
    [InlineData("alpha==1.0 \\\n    --hash=sha256:" + HashA + " \\\n    --hash sha256:" + HashB, "package alpha|==1.0||\nhash alpha " + HashA + "," + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")]
    [InlineData("./wheels/alpha-1.0-py3-none-any.whl", "package <dir>/wheels/alpha-1.0-py3-none-any.whl|||")]
    [InlineData("wheels/alpha-1.0-py3-none-any.whl --hash=sha256:" + HashA, "package <dir>/wheels/alpha-1.0-py3-none-any.whl|||\nhash alpha " + HashA)]
    [InlineData("alpha[x] @ https://h.example/f/alpha-1.0-py3-none-any.whl#sha256=00", "package https://h.example/f/alpha-1.0-py3-none-any.whl||x|")]
    [InlineData("alpha @ file:///opt/wheels/alpha-1.0-py3-none-any.whl", "package /opt/wheels/alpha-1.0-py3-none-any.whl|||")]
    [InlineData("--index-url https://${INDEX_HOST}/simple", "index-url https://pkgs.example.com/simple")]
    [InlineData("-i https://i.example/simple", "index-url https://i.example/simple")]
    [InlineData("--index-url=https://i.example/simple", "index-url https://i.example/simple")]
    [InlineData("--extra-index-url https://e.example/simple", "index https://e.example/simple")]
    [InlineData("-f ./wheels", "find-links <dir>/wheels")]
    [InlineData("--find-links=https://f.example/links/", "find-links https://f.example/links/")]
    [InlineData("--only-binary :all:\n--only-binary=alpha,beta\n--prefer-binary\n--no-binary :none:\n--trusted-host h.example", "")]
    [InlineData("-r other.txt", "package beta|||")]
    [InlineData("-rother.txt", "package beta|||")]
    [InlineData("--requirement=sub/nested.txt", "package beta|||\npackage gamma|==1||")]
    [InlineData("-c cons.txt\nalpha", "package alpha|||\nconstraint beta|<2")]
    public void SupportedLine_BecomesTheItemsItStandsFor(string text, string expected) =>
        Assert.Equal(expected, Describe(Read(text)));

    [Theory]
    [InlineData("-e ./src", "LLMPY0072", 1)]
    [InlineData("alpha\n--editable=./src", "LLMPY0072", 2)]
    [InlineData("--pre", "LLMPY0072", 1)]
    [InlineData("--no-index", "LLMPY0072", 1)]
    [InlineData("--require-hashes", "LLMPY0072", 1)]
    [InlineData("--no-binary :all:", "LLMPY0072", 1)]
    [InlineData("--hash=sha256:" + HashA, "LLMPY0072", 1)]
    [InlineData("alpha --install-option=--x", "LLMPY0072", 1)]
    [InlineData("alpha --hash=md5:0123", "LLMPY0075", 1)]
    [InlineData("alpha --hash=sha256:abc", "LLMPY0075", 1)]
    [InlineData("alpha @ https://h.example/alpha-1.0.tar.gz", "LLMPY0078", 1)]
    [InlineData("alpha @ git+https://github.com/o/alpha", "LLMPY0078", 1)]
    [InlineData("# header\nal pha ==", "LLMPY0071", 2)]
    [InlineData("alpha>=", "LLMPY0071", 1)]
    [InlineData("-r", "LLMPY0071", 1)]
    [InlineData("alpha\n${NOT_SET_ANYWHERE}", "LLMPY0073", 2)]
    [InlineData("-r missing.txt", "LLMPY0070", 1)]
    [InlineData("-r requirements.txt", "LLMPY0074", 1)]
    [InlineData("--index-url https://a.example/simple\n-i https://b.example/simple", "LLMPY0077", 2)]
    public void UnsupportedOrBadLine_IsACodedError_NamingFileAndLine(string text, string code, int line)
    {
        var error = Assert.Throws<LlmPyException>(() => Read(text));
        Assert.Equal(code, error.Code);
        Assert.Equal(line, error.SourceLine);
        Assert.Equal(_folder.PathOf("requirements.txt"), error.SourceFile);
        Assert.Contains($"requirements.txt({line})", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("beta[x]<2")]
    [InlineData("beta<2 ; python_version < '3'")]
    [InlineData("beta @ https://h.example/beta-1.0-py3-none-any.whl")]
    public void ConstraintLine_WithExtrasMarkerOrUrl_IsLLMPY0079_InTheConstraintsFile(string constraint)
    {
        _folder.Write("bad-cons.txt", "# constraints\n" + constraint + "\n");
        var error = Assert.Throws<LlmPyException>(() => Read("-c bad-cons.txt"));
        Assert.Equal("LLMPY0079", error.Code);
        Assert.Equal(_folder.PathOf("bad-cons.txt"), error.SourceFile);
        Assert.Equal(2, error.SourceLine);
    }

    [Fact]
    public void ExtraIndexUrl_IsExplainedOnce_AsFirstIndexRouting()
    {
        var inputs = Read("--extra-index-url https://a.example/simple\n--extra-index-url https://b.example/simple");
        Assert.Equal(2, inputs.Indexes.Count);
        var note = Assert.Single(inputs.Notes);
        Assert.True(note.Important);
        Assert.Contains("first index that has it", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstraintsFile_Hashes_ArePinsToo()
    {
        _folder.Write("hashed-cons.txt", $"beta==1.0 --hash=sha256:{HashA}\n");
        var inputs = Read("-c hashed-cons.txt");
        Assert.Equal("beta", Assert.Single(inputs.Hashes).Name);
        Assert.Equal(("beta", "==1.0"), (inputs.Constraints[0].Name, inputs.Constraints[0].Version));
    }
}
