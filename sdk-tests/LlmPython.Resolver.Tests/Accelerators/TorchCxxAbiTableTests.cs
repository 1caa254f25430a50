using LlmPython.Resolver.Accelerators;

namespace LlmPython.Resolver.Tests.Accelerators;

public class TorchCxxAbiTableTests
{
    private static readonly TorchCxxAbiTable Table = TorchCxxAbiTable.Default;

    [Fact]
    public void Every_torch_release_and_variant_of_torch_variants_has_an_abi()
    {
        foreach (var release in AcceleratorData.Default.TorchReleases)
        {
            var n = TorchReleaseNumber.Parse(release.TorchVersion);
            Assert.True(Table.Cxx11AbiOf((n.Major, n.Minor), null) is not null, $"torch {release.TorchVersion} from PyPI has no row");
            foreach (var variant in release.Variants)
                Assert.True(Table.Cxx11AbiOf((n.Major, n.Minor), variant) is not null, $"torch {release.TorchVersion} {variant} has no row");
        }
    }

    [Theory]
    [InlineData(2, 4, "cu124", false)]
    [InlineData(2, 5, null, false)]
    [InlineData(2, 6, "cu126", true)]   // 2.6 notes: CUDA 12.6 builds use CXX11_ABI=1
    [InlineData(2, 6, "cu124", false)]
    [InlineData(2, 6, null, false)]     // PyPI's 2.6 is the cu124 build
    [InlineData(2, 7, "cu118", true)]   // manylinux_2_28 everywhere from 2.7
    [InlineData(2, 11, null, true)]
    public void Known_releases(int major, int minor, string? index, bool abi) =>
        Assert.Equal(abi, Table.Cxx11AbiOf((major, minor), index));

    [Fact]
    public void Unknown_release_is_null() => Assert.Null(Table.Cxx11AbiOf((1, 12), "cu113"));

    [Fact]
    public void A_bad_cell_names_the_line() =>
        Assert.Contains("line 2", Assert.Throws<FormatException>(() => TorchCxxAbiTable.Parse("torch_minor\tindex\tcxx11abi\n2.4\t*\tmaybe\n")).Message);
}
