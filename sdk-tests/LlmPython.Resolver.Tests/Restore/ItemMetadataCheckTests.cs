using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

public class ItemMetadataCheckTests
{
    private static List<(string Code, string Message)> Warnings(params DeclaredMetadata[] items)
    {
        var log = new RecordingRestoreLog();
        ItemMetadataCheck.Warn(items, log);
        return log.Warnings;
    }

    [Fact]
    public void A_typo_names_the_item_the_unknown_metadata_and_the_nearest_known_one()
    {
        var (code, message) = Assert.Single(Warnings(new DeclaredMetadata("PythonPackage", "torch", "/p/App.csproj", ["Versoin"])));
        Assert.Equal("LLMPY0042", code);
        Assert.Contains("PythonPackage 'torch' has metadata Versoin", message, StringComparison.Ordinal);
        Assert.Contains("Did you mean Version?", message, StringComparison.Ordinal);
        Assert.Contains("/p/App.csproj", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PythonIndex", "Nmae", "Name")]
    [InlineData("PythonIndex", "Explict", "Explicit")]
    [InlineData("PythonConstraint", "Verison", "Version")]
    [InlineData("PythonFindLinks", "PrivateAsset", "PrivateAssets")]
    [InlineData("PythonProject", "Extra", "Extras")]
    [InlineData("PythonPackage", "NoDep", "NoDeps")]
    [InlineData("PythonPackage", "cuda_", "Cuda")]
    public void Every_item_type_knows_its_own_metadata(string itemType, string typo, string nearest)
    {
        var (_, message) = Assert.Single(Warnings(new DeclaredMetadata(itemType, "x", null, [typo])));
        Assert.Contains($"Did you mean {nearest}?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_close_is_not_a_guess()
    {
        var (_, message) = Assert.Single(Warnings(new DeclaredMetadata("PythonRequirementsFile", "req.txt", null, ["Version"])));
        Assert.Contains("Remove it", message, StringComparison.Ordinal);
        Assert.Contains("PythonRequirementsFile reads no metadata", message, StringComparison.Ordinal);
        Assert.Null(ItemMetadataCheck.Nearest("Frobnicate", ItemMetadataCheck.Known["PythonPackage"]));
    }

    [Fact]
    public void Known_msbuild_and_internal_metadata_are_not_warned_about()
    {
        Assert.Empty(Warnings(
            new DeclaredMetadata("PythonPackage", "torch", null, ["version", "Cuda", "BuildSettings", "LlmPythonDefiningProject", "LlmPythonItemType",
                "DefiningProjectFullPath", "FullPath", "MSBuildSourceProjectFile", "MSBuildSourceTargetName", "OriginalItemSpec"]),
            new DeclaredMetadata("PythonIndex", "https://x/simple", null, ["Name", "Explicit", "PrivateAssets"]),
            new DeclaredMetadata("SomethingElse", "y", null, ["Anything"])));
    }

    [Fact]
    public void The_same_typo_of_one_item_flowed_twice_is_one_warning()
    {
        var item = new DeclaredMetadata("PythonPackage", "torch", "/lib/Lib.csproj", ["Versoin"]);
        Assert.Single(Warnings(item, item));
    }
}
