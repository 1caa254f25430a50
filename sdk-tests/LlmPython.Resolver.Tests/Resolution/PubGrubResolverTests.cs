using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Tests.Resolution;

/// <summary>The resolution semantics one by one, on small in-memory indexes.</summary>
public class PubGrubResolverTests
{
    private static ResolutionRequest Request(params string[] roots) => new()
    {
        Roots = roots.Select(r => new ResolutionRoot(Requirement.Parse(r))).ToList(),
        Environment = HostEnvironment.Linux("3.11.7"),
    };

    private static async Task<Dictionary<string, string>> Resolve(InMemoryResolverSource source, ResolutionRequest request)
    {
        var result = await new PubGrubResolver(source).ResolveAsync(request);
        return result.Packages.ToDictionary(p => p.Name.Value, p => p.Version.ToString());
    }

    private static async Task<ResolutionException> Fail(InMemoryResolverSource source, ResolutionRequest request) =>
        await Assert.ThrowsAsync<ResolutionException>(() => new PubGrubResolver(source).ResolveAsync(request));

    [Fact]
    public async Task ChoosesNewestVersionsThatFitTogether()
    {
        var source = new InMemoryResolverSource()
            .Add("app", "2.0", ["lib>=2"]).Add("app", "1.0", ["lib<2"])
            .Add("lib", "2.0", ["other==9"]).Add("lib", "1.5").Add("other", "1.0");
        Assert.Equal(new Dictionary<string, string> { ["app"] = "1.0", ["lib"] = "1.5" }, await Resolve(source, Request("app")));
    }

    [Fact]
    public async Task ConflictExplainsBothSides()
    {
        var source = new InMemoryResolverSource()
            .Add("conflict-a", "1.0", ["shared-dep>=2"]).Add("conflict-b", "1.0", ["shared-dep<2"])
            .Add("shared-dep", "1.0").Add("shared-dep", "2.0");
        var e = await Fail(source, Request("conflict-a", "conflict-b"));
        Assert.Equal(DiagnosticCodes.Resolution.Conflict, e.Code);
        Assert.Equal(["shared-dep"], e.ConflictingPackages);
        Assert.True(e.Message.Contains("conflict-a 1.0 depends on shared-dep>=2"), e.Message);
        Assert.True(e.Message.Contains("conflict-b 1.0 depends on shared-dep<2"), e.Message);
        Assert.True(e.Message.Contains("conflict-a 1.0 and conflict-b 1.0 cannot both be installed"), e.Message);
        Assert.InRange(e.Derivation.Count, 1, 4);
    }

    [Fact]
    public async Task UnknownPackageHasItsOwnCode()
    {
        var source = new InMemoryResolverSource().Add("a", "1.0", ["does-not-exist"]);
        var e = await Fail(source, Request("a"));
        Assert.Equal(DiagnosticCodes.Resolution.UnknownPackage, e.Code);
        Assert.Equal("does-not-exist", e.PackageName);
        Assert.Contains("'does-not-exist' does not exist", e.Message);
    }

    [Fact]
    public async Task NoVersionListsEveryVersionAndWhy()
    {
        var source = new InMemoryResolverSource()
            .Add("a", "3.0", configure: c => c with { RequiresPython = VersionSpecifierSet.Parse(">=3.12") })
            .Add("a", "2.0", configure: c => c with { IsYanked = true, YankedReason = "broken" })
            .Add("a", "1.5", configure: c => c with { HasCompatibleWheel = false })
            .Add("a", "1.0");
        var e = await Fail(source, Request("a>=1.5"));
        Assert.Equal(DiagnosticCodes.Resolution.NoMatchingVersion, e.Code);
        Assert.Contains("requires Python >=3.12", e.Message);
        Assert.Contains("no wheel compatible", e.Message);

        var pinned = await Fail(source, Request("a>=4"));
        Assert.Contains("3.0 (does not match '>=4', requires Python >=3.12)", pinned.Message);
        Assert.Contains("2.0 (does not match '>=4')", pinned.Message);
        Assert.Contains("1.5 (does not match '>=4', no compatible wheel)", pinned.Message);
    }

    [Fact]
    public async Task YankedOnlyWhenPinned()
    {
        var source = new InMemoryResolverSource()
            .Add("a", "2.0", configure: c => c with { IsYanked = true }).Add("a", "1.0");
        Assert.Equal("1.0", (await Resolve(source, Request("a")))["a"]);
        Assert.Equal("2.0", (await Resolve(source, Request("a==2.0")))["a"]);
        var e = await Fail(new InMemoryResolverSource().Add("a", "2.0", configure: c => c with { IsYanked = true, YankedReason = "bad build" }), Request("a>=2"));
        Assert.Contains("yanked (bad build)", e.Message);
    }

    [Fact]
    public async Task PrereleasesOnlyWhenNamedAllowedOrNothingElse()
    {
        var source = new InMemoryResolverSource().Add("a", "2.0b1").Add("a", "1.0").Add("b", "1.0a1");
        Assert.Equal("1.0", (await Resolve(source, Request("a")))["a"]);
        Assert.Equal("2.0b1", (await Resolve(source, Request("a>=2.0b1")))["a"]);
        Assert.Equal("2.0b1", (await Resolve(source, Request("a") with { AllowPrereleases = true }))["a"]);
        Assert.Equal("1.0a1", (await Resolve(source, Request("b")))["b"]);
    }

    [Fact]
    public async Task LocalVersionsAreDistinctCandidates()
    {
        var source = new InMemoryResolverSource().Add("torch", "2.4.0+cu118").Add("torch", "2.4.0").Add("torch", "2.3.1+cu118");
        Assert.Equal("2.4.0+cu118", (await Resolve(source, Request("torch==2.4.0")))["torch"]);
        Assert.Equal("2.3.1+cu118", (await Resolve(source, Request("torch<2.4")))["torch"]);
    }

    [Fact]
    public async Task ExtrasAreNodesOnTheSameVersion()
    {
        var source = new InMemoryResolverSource()
            .Add("a", "2.0", ["b", "c ; extra == \"fast\""]).Add("a", "1.0", ["b"])
            .Add("b", "1.0").Add("c", "1.0", ["a<2"]);
        var result = await new PubGrubResolver(source).ResolveAsync(Request("a[fast]"));
        // a 2.0 [fast] needs c, c needs a<2: a 1.0 has no 'fast' extra, so plain a 1.0 with the extra ignored.
        Assert.Equal("1.0", result.Find(PackageName.Parse("a"))!.Version.ToString());
        Assert.Equal(["fast"], result.Find(PackageName.Parse("a"))!.Extras);
        Assert.Null(result.Find(PackageName.Parse("c")));

        var simple = await new PubGrubResolver(new InMemoryResolverSource()
            .Add("a", "2.0", ["b", "c ; extra == \"fast\""]).Add("b", "1.0").Add("c", "1.0")).ResolveAsync(Request("a[fast]"));
        Assert.Equal(["a", "b", "c"], simple.Packages.Select(p => p.Name.Value));
        Assert.Contains(simple.Edges, e => e.From?.Value == "a" && e.To.Value == "c" && e.ViaExtra == "fast");
        Assert.Contains(simple.Edges, e => e.From?.Value == "a" && e.To.Value == "b" && e.ViaExtra is null);
        Assert.Contains(simple.Edges, e => e.From is null && e.To.Value == "a" && e.Extras.SequenceEqual(["fast"]));
    }

    [Fact]
    public async Task MarkersAreEvaluatedForTheTarget()
    {
        var source = new InMemoryResolverSource()
            .Add("a", "1.0", ["winonly ; sys_platform == \"win32\"", "old ; python_version < \"3.8\"", "b ; sys_platform == \"linux\""])
            .Add("b", "1.0");
        var result = await Resolve(source, Request("a", "c ; sys_platform == \"darwin\""));
        Assert.Equal(["a", "b"], result.Keys.Order());
    }

    [Fact]
    public async Task ConstraintsBoundOnlyRequiredPackages()
    {
        var source = new InMemoryResolverSource().Add("a", "1.0", ["b"]).Add("b", "2.0").Add("b", "1.0").Add("c", "1.0");
        var request = Request("a") with { Constraints = [Requirement.Parse("b<2"), Requirement.Parse("c>5")] };
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1.0", ["b"] = "1.0" }, await Resolve(source, request));
        var e = await Fail(source, Request("c") with { Constraints = [Requirement.Parse("c>5")] });
        Assert.Contains("the constraint c>5 excludes c 1.0", e.Message);
    }

    [Fact]
    public async Task NoDepsRootsAreNotFollowed()
    {
        var source = new InMemoryResolverSource().Add("awq", "0.2.5", ["torch==1.0"]);
        var request = Request() with { Roots = [new ResolutionRoot(Requirement.Parse("awq"), NoDeps: true)] };
        Assert.Equal(["awq"], (await Resolve(source, request)).Keys);
        Assert.DoesNotContain("awq==0.2.5", source.DependencyRequests.Keys);
    }

    [Fact]
    public async Task PreferredVersionsAreTriedFirst()
    {
        var source = new InMemoryResolverSource().Add("a", "3.0").Add("a", "2.0").Add("a", "1.0");
        var request = Request("a") with { PreferredVersions = new Dictionary<PackageName, Pep440Version> { [PackageName.Parse("a")] = Pep440Version.Parse("2.0") } };
        Assert.Equal("2.0", (await Resolve(source, request))["a"]);
        var excluded = Request("a<2") with { PreferredVersions = request.PreferredVersions };
        Assert.Equal("1.0", (await Resolve(source, excluded))["a"]);
    }

    [Fact]
    public async Task RequiresPythonAndSourceBuilds()
    {
        var source = new InMemoryResolverSource()
            .Add("a", "2.0", configure: c => c with { HasCompatibleWheel = false, HasSourceDistribution = true })
            .Add("a", "1.0", configure: c => c with { RequiresPython = VersionSpecifierSet.Parse(">=3.8") })
            .Add("a", "0.5", configure: c => c with { RequiresPython = VersionSpecifierSet.Parse(">=3.12") });
        Assert.Equal("1.0", (await Resolve(source, Request("a")))["a"]);
        Assert.Equal("2.0", (await Resolve(source, Request("a") with { AllowSourceBuilds = true }))["a"]);
        var e = await Fail(source, Request("a<1"));
        Assert.Contains("a 0.5 requires Python >=3.12 but the target Python is 3.11.7", e.Message);
    }

    [Fact]
    public async Task BackjumpsAcrossUnrelatedDecisions()
    {
        // The classic PubGrub example: foo 1.1 needs bar>=2 which needs baz<1 ... learns and backjumps.
        var source = new InMemoryResolverSource()
            .Add("foo", "1.1", ["bar>=2"]).Add("foo", "1.0")
            .Add("bar", "2.0", ["baz<1"]).Add("bar", "1.0")
            .Add("baz", "1.0").Add("baz", "0.5", ["missing"])
            .Add("x", "1.0", ["baz>=1"]);
        Assert.Equal(new Dictionary<string, string> { ["foo"] = "1.0", ["x"] = "1.0", ["baz"] = "1.0" }, await Resolve(source, Request("foo", "x")));
    }

    [Fact]
    public async Task EveryPageIsRequestedOnceAndMetadataIsPrefetched()
    {
        var source = new InMemoryResolverSource()
            .Add("a", "1.0", ["b", "c"]).Add("b", "1.0", ["c"]).Add("c", "1.0").Add("c", "0.9");
        await Resolve(source, Request("a", "b"));
        Assert.All(source.VersionRequests.Values, n => Assert.Equal(1, n));
        Assert.All(source.DependencyRequests.Values, n => Assert.Equal(1, n));
        Assert.Equal(["a==1.0", "b==1.0", "c==1.0"], source.DependencyRequests.Keys.Order());
    }

    [Fact]
    public async Task ResultCarriesCandidatesAndEdges()
    {
        var source = new InMemoryResolverSource().Add("a", "1.0", ["b>=1 ; python_version >= \"3\""]).Add("b", "1.0");
        var result = await new PubGrubResolver(source).ResolveAsync(Request("a"));
        Assert.Equal("b-1.0", result.Find(PackageName.Parse("b"))!.Candidate.Distribution);
        var edge = Assert.Single(result.Edges, e => e.From?.Value == "a");
        Assert.Equal("b", edge.To.Value);
        Assert.NotNull(edge.Marker);
        Assert.Contains("b>=1", edge.RequirementText);
    }
}
