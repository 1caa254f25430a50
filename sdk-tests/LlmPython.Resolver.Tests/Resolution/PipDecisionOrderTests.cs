using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;

namespace LlmPython.Resolver.Tests.Resolution;

/// <summary>
/// Where several answers are valid, the solver lands where pip 23 (resolvelib) lands: it decides in pip's
/// order (== pins, depth, the project's order, bounded, name) and, like resolvelib, re-pins an earlier decision
/// when a newer version of a later package needs another version of it.
/// </summary>
public class PipDecisionOrderTests
{
    private static Task<Dictionary<string, string>> Resolve(InMemoryResolverSource source, params string[] roots) =>
        Resolve(source, prefetch: true, roots);

    private static async Task<Dictionary<string, string>> Resolve(InMemoryResolverSource source, bool prefetch, params string[] roots)
    {
        var request = new ResolutionRequest
        {
            Roots = roots.Select(r => new ResolutionRoot(Requirement.Parse(r))).ToList(),
            Environment = HostEnvironment.Linux("3.11.7"),
            Prefetch = prefetch,
        };
        var result = await new PubGrubResolver(source).ResolveAsync(request);
        return result.Packages.ToDictionary(p => p.Name.Value, p => p.Version.ToString());
    }

    // The numpy/pandas shape of the LlmStack graph: numpy is decided first (bounded), pandas' newest needs numpy<2.
    private static InMemoryResolverSource NumpyPandas(string hubNeeds) => new InMemoryResolverSource()
        .Add("hub", "1.0", [hubNeeds]).Add("sets", "1.0", ["pandas"])
        .Add("numpy", "1.26.4").Add("numpy", "2.0.0")
        .Add("pandas", "2.0.3", ["numpy>=1.22"]).Add("pandas", "2.1.4", ["numpy>=1.22"]).Add("pandas", "2.2.2", ["numpy>=1.23,<2"]);

    [Fact]
    public async Task ANewerVersionThatNeedsAnotherVersionOfAnEarlierDecision_RepinsIt()
    {
        var pins = await Resolve(NumpyPandas("numpy>=1.17"), "hub", "sets");
        Assert.Equal("2.2.2", pins["pandas"]);
        Assert.Equal("1.26.4", pins["numpy"]);
    }

    [Fact]
    public async Task WhenTheOtherRequirementsForbidThatVersion_TheNewerVersionIsSkipped()
    {
        var pins = await Resolve(NumpyPandas("numpy>=2"), "hub", "sets");
        Assert.Equal("2.1.4", pins["pandas"]);
        Assert.Equal("2.0.0", pins["numpy"]);
    }

    [Fact]
    public async Task TheProjectsOwnOrderComesBeforeFewestVersions()
    {
        // a 3.0 wants b<2 and b 2.0 wants a<2: whichever is decided first keeps its newest version.
        var source = new InMemoryResolverSource()
            .Add("a", "1.0").Add("a", "2.0", ["b<2"]).Add("a", "3.0", ["b<2"])
            .Add("b", "1.0").Add("b", "2.0", ["a<2"]);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "3.0", ["b"] = "1.0" }, await Resolve(source, "a", "b"));
    }

    [Fact]
    public async Task EqualsPinsAreDecidedFirst()
    {
        // b==2.* is decided before a (listed first): b 2.1 wins and holds a below 3.
        var source = new InMemoryResolverSource()
            .Add("a", "1.0").Add("a", "2.0").Add("a", "3.0", ["b<2.1"])
            .Add("b", "2.0").Add("b", "2.1", ["a<3"]);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "2.0", ["b"] = "2.1" }, await Resolve(source, "a", "b==2.*"));
    }

    [Fact]
    public async Task CloserToTheProjectIsDecidedFirst()
    {
        // deep (depth 3, via mid) and near (depth 2) exclude each other's newest; near is decided first.
        var source = new InMemoryResolverSource()
            .Add("top", "1.0", ["mid", "near-x"]).Add("mid", "1.0", ["a-deep"])
            .Add("a-deep", "1.0").Add("a-deep", "2.0", ["near-x<2"])
            .Add("near-x", "1.0").Add("near-x", "2.0", ["a-deep<2"]);
        var pins = await Resolve(source, "top");
        Assert.Equal("2.0", pins["near-x"]);
        Assert.Equal("1.0", pins["a-deep"]);
    }

    [Fact]
    public async Task APackageLeftWithOneVersionIsDecidedFirst_SoNewerVersionsItExcludesAreNeverRead()
    {
        // By name lib would come first (lib 3.0 read, then re-pinned below 2 once only==1.0 is decided); only has
        // a single version, so deciding it first gives the same answer without reading lib 3.0's metadata.
        var source = new InMemoryResolverSource()
            .Add("top", "1.0", ["lib", "only"])
            .Add("lib", "1.0").Add("lib", "1.5").Add("lib", "3.0")
            .Add("only", "1.0", ["lib<2"]);

        var pins = await Resolve(source, prefetch: false, "top");

        Assert.Equal("1.5", pins["lib"]);
        Assert.False(source.DependencyRequests.ContainsKey("lib==3.0"), string.Join(", ", source.DependencyRequests.Keys));
    }
}
