using LlmPython.Resolver.Distributions;
using LlmPython.Resolver.Resolution;

namespace LlmPython.Resolver.Tests.Distributions;

public class BuildVariantLabelTests
{
    [Theory]
    [InlineData("flash_attn-2.6.3+cu123torch2.4cxx11abiFALSE-cp311-cp311-linux_x86_64.whl", "CUDA 12.3, torch 2.4, cxx11abiFALSE")]
    [InlineData("flash_attn-2.8.3+cu12torch2.8cxx11abiTRUE-cp311-cp311-linux_x86_64.whl", "CUDA 12.x, torch 2.8, cxx11abiTRUE")]
    [InlineData("autoawq-0.2.5+cu118-cp310-cp310-linux_x86_64.whl", "CUDA 11.8")]
    [InlineData("torch_scatter-2.1.2+pt21cu118-cp311-cp311-linux_x86_64.whl", "CUDA 11.8, torch 2.1")]
    [InlineData("torch_scatter-2.1.2+pt113cpu-cp310-cp310-linux_x86_64.whl", "CPU, torch 1.13")]
    [InlineData("pkg-1.0+cu.12.8torch.2.11-py3-none-any.whl", "CUDA 12.8, torch 2.11")]
    [InlineData("pkg-1.0+rocm6.2-py3-none-any.whl", "ROCm 6.2")]
    [InlineData("pkg-1.0+cu92-py3-none-any.whl", "CUDA 9.2")]
    public void Reads_the_parts_a_label_names(string file, string expected) =>
        Assert.Equal(expected, BuildVariantLabel.OfWheel(WheelFileName.Parse(file))!.ToString());

    [Theory]
    [InlineData("pkg-1.0+local1-py3-none-any.whl")]
    [InlineData("pkg-1.0-py3-none-any.whl")]
    [InlineData("pkg-1.0+ubuntu.22.04-py3-none-any.whl")]
    public void Other_labels_are_not_build_variants(string file) => Assert.Null(BuildVariantLabel.OfWheel(WheelFileName.Parse(file)));

    [Theory]
    [InlineData("cu124", "cu118", "built for CUDA 11.8, this environment's backend is cu124 (CUDA 12.4), which needs CUDA 12.x")]
    [InlineData("cpu", "cu118", "built for CUDA 11.8, this environment's backend is cpu, which has no CUDA")]
    [InlineData("cu124", "cu123torch2.6cxx11abiTRUE", "built with cxx11abiTRUE, but torch 2.6 from the cu124 index is built with cxx11abiFALSE")]
    [InlineData("cu126", "cu123torch2.4cxx11abiTRUE", "built with cxx11abiTRUE, but torch 2.4 from the cu126 index is built with cxx11abiFALSE")]
    [InlineData("cu124", "pt21cpu", "built for CPU only, this environment's backend is cu124")]
    [InlineData("rocm6.2", "rocm6.1", "built for ROCm 6.1, this environment's backend is rocm6.2")]
    public void Rejections_say_which_part_did_not_match(string backend, string label, string reason) =>
        Assert.Equal(reason, new BuildVariantMatcher(backend).Evaluate(BuildVariantLabel.Parse(label)).Rejection);

    [Fact]
    public void The_closest_cuda_minor_at_or_below_the_backend_is_preferred()
    {
        var m = new BuildVariantMatcher("cu124");
        int Rank(string label) => m.Evaluate(BuildVariantLabel.Parse(label)).Preference;
        Assert.True(Rank("cu124") < Rank("cu123"));
        Assert.True(Rank("cu123") < Rank("cu121"));
        Assert.True(Rank("cu121") < Rank("cu12"));
        Assert.True(Rank("cu12") < Rank("cu126"));
    }

    [Fact]
    public void Torch_coupling_admits_exactly_the_minors_the_wheels_were_built_for()
    {
        var requirement = BuildVariantMatcher.TorchRequirement([(2, 3), (2, 6), (2, 4)]);
        Assert.Equal("torch", requirement.NormalizedName.Value);
        foreach (var (version, admitted) in new[] { ("2.2.2", false), ("2.3.0", true), ("2.4.1+cu124", true), ("2.5.1", false), ("2.6.0+cu126", true), ("2.7.0", false) })
            Assert.True(admitted == requirement.Specifier.Contains(LlmPython.Resolver.Versioning.Pep440Version.Parse(version), allowPrereleases: false), version);
    }
}
