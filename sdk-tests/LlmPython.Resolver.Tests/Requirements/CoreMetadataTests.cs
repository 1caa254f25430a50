using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Tests.Requirements;

/// <summary>METADATA / PKG-INFO reading with hand-written samples shaped like real wheels.</summary>
public class CoreMetadataTests
{
    // Shaped like torch 2.x METADATA: long Requires-Dist list with markers, extras, a body.
    private const string TorchLike = """
        Metadata-Version: 2.1
        Name: torch
        Version: 2.3.1+cu121
        Summary: Tensors and Dynamic neural networks in Python with strong GPU acceleration
        Home-page: https://pytorch.org/
        License: BSD-3
        Keywords: pytorch,machine learning
        Classifier: Programming Language :: Python :: 3
        Classifier: Programming Language :: C++
        Requires-Python: >=3.8.0
        Description-Content-Type: text/markdown
        License-File: LICENSE
        Requires-Dist: filelock
        Requires-Dist: typing-extensions >=4.8.0
        Requires-Dist: sympy
        Requires-Dist: networkx
        Requires-Dist: jinja2
        Requires-Dist: fsspec
        Requires-Dist: nvidia-cuda-nvrtc-cu12 ==12.1.105 ; platform_system == "Linux" and platform_machine == "x86_64"
        Requires-Dist: nvidia-cudnn-cu12 ==8.9.2.26 ; platform_system == "Linux" and platform_machine == "x86_64"
        Requires-Dist: mkl <=2021.4.0,>=2021.1.1 ; platform_system == "Windows"
        Requires-Dist: triton ==2.3.1 ; platform_system == "Linux" and platform_machine == "x86_64" and python_version < "3.12"
        Provides-Extra: opt-einsum
        Requires-Dist: opt-einsum >=3.3 ; extra == 'opt-einsum'
        Provides-Extra: Optree
        Requires-Dist: optree >=0.9.1 ; extra == 'optree'

        PyTorch is a Python package that provides two high-level features:
        Requires-Dist: not-a-header-this-is-the-body
        """;

    [Fact]
    public void Reads_a_torch_like_metadata_file()
    {
        var metadata = CoreMetadata.Parse(TorchLike);
        Assert.Equal("2.1", metadata.MetadataVersion);
        Assert.Equal("torch", metadata.Name);
        Assert.Equal("torch", metadata.NormalizedName.Value);
        Assert.Equal("2.3.1+cu121", metadata.Version.ToString());
        Assert.Equal(">=3.8.0", metadata.RequiresPython.ToString());
        Assert.Equal(["opt-einsum", "optree"], metadata.ProvidesExtra);
        Assert.Equal(12, metadata.RequiresDist.Count); // the body's look-alike line is not a field
        Assert.Equal("typing-extensions>=4.8.0", metadata.RequiresDist[1].ToString());
        Assert.Equal("mkl<=2021.4.0,>=2021.1.1; platform_system == \"Windows\"", metadata.RequiresDist[8].ToString());
        Assert.Equal(2, metadata.GetAll("Classifier").Count);
        Assert.Equal("Tensors and Dynamic neural networks in Python with strong GPU acceleration", metadata.Get("summary"));
    }

    [Fact]
    public void Torch_like_dependencies_follow_the_target_environment_and_extras()
    {
        var metadata = CoreMetadata.Parse(TorchLike);
        var linux311 = MarkerEnvironment.ForCPython("3.11.7", "linux", "x86_64");
        var windows312 = MarkerEnvironment.ForCPython("3.12.1", "win32", "AMD64");

        string[] Applicable(MarkerEnvironment env, params string[] extras) => metadata.RequiresDist
            .Where(r => r.Marker is null || r.Marker.Evaluate(env, extras))
            .Select(r => r.NormalizedName.Value)
            .ToArray();

        Assert.Equal(
            ["filelock", "typing-extensions", "sympy", "networkx", "jinja2", "fsspec", "nvidia-cuda-nvrtc-cu12", "nvidia-cudnn-cu12", "triton"],
            Applicable(linux311));
        Assert.Equal(["filelock", "typing-extensions", "sympy", "networkx", "jinja2", "fsspec", "mkl"], Applicable(windows312));
        Assert.Contains("optree", Applicable(windows312, "Optree"));
        Assert.DoesNotContain("opt-einsum", Applicable(windows312, "optree"));
        Assert.Contains("opt-einsum", Applicable(windows312, "optree", "opt_einsum"));
    }

    [Fact]
    public void Folded_lines_are_unfolded_and_crlf_is_accepted()
    {
        string text = "Metadata-Version: 2.4\r\nName: demo\r\nVersion: 1.0\r\nRequires-Dist: requests[socks]\r\n  >=2.0 ; python_version >= \"3.8\"\r\nLicense-Expression: MIT\r\n\r\nbody";
        var metadata = CoreMetadata.Parse(text);
        var requirement = Assert.Single(metadata.RequiresDist);
        Assert.Equal("requests[socks]>=2.0; python_version >= \"3.8\"", requirement.ToString());
        Assert.Equal("MIT", metadata.Get("License-Expression"));
    }

    [Fact]
    public void Old_pkg_info_without_dependencies_has_empty_lists_and_any_python()
    {
        var metadata = CoreMetadata.Parse("Metadata-Version: 1.0\nName: Old_Dist\nVersion: 0.9\nSummary: old\nUnknown-Field: kept\n");
        Assert.Equal("old-dist", metadata.NormalizedName.Value);
        Assert.Empty(metadata.RequiresDist);
        Assert.Empty(metadata.ProvidesExtra);
        Assert.True(metadata.RequiresPython.IsEmpty);
        Assert.Equal("kept", metadata.Get("unknown-field"));
    }

    [Fact]
    public void Byte_order_mark_and_a_header_section_without_body_are_accepted()
    {
        var metadata = CoreMetadata.Parse("\uFEFFMetadata-Version: 2.2\nName: a\nVersion: 1\nDynamic: Requires-Dist");
        Assert.Equal("a", metadata.Name);
        Assert.Equal("Requires-Dist", metadata.Get("Dynamic"));
    }

    [Theory]
    [InlineData("Metadata-Version: 2.1\nVersion: 1.0\n", "Name")]
    [InlineData("Metadata-Version: 2.1\nName: x\n", "Version")]
    [InlineData("Metadata-Version: 2.1\nName: x\nVersion: one\n", "one")]
    [InlineData("Metadata-Version: 2.1\nName: x_\nVersion: 1\n", "x_")]
    [InlineData("Metadata-Version: 3.0\nName: x\nVersion: 1\n", "3.0")]
    [InlineData("Metadata-Version: 2.1\nName: x\nVersion: 1\nRequires-Python: >=3.8,,!!\n", "Requires-Python")]
    [InlineData("Metadata-Version: 2.1\nName: x\nVersion: 1\nRequires-Dist: foo ==\n", "foo ==")]
    [InlineData("\nName: x\nVersion: 1\n", "Name")]
    public void Malformed_metadata_is_rejected_with_the_cause(string text, string mentioned)
    {
        var error = Assert.Throws<FormatException>(() => CoreMetadata.Parse(text));
        Assert.Contains(mentioned, error.Message);
    }
}
