using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Resolution;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Resolution;

/// <summary>One local index server for the whole class; each scenario gets its own named index.</summary>
public sealed class PackseIndexFixture : IAsyncLifetime
{
    public LocalIndexServer Server { get; private set; } = null!;

    /// <summary>One client for every scenario, as a restore would share it.</summary>
    public PythonHttpClient Http { get; } = new();

    public async Task InitializeAsync() => Server = await LocalIndexServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Every packse scenario served over HTTP as real wheels (PEP 691/658 from <see cref="LocalIndexServer"/>) and
/// resolved through <see cref="IndexResolverSource"/>: the outcome must equal the in-memory resolution of the
/// same scenario. Source builds are off on both sides (this SDK does not build sdists; the sdists served are stubs).
/// </summary>
public class PackseOverHttpTests(PackseIndexFixture fixture) : IClassFixture<PackseIndexFixture>
{
    public static TheoryData<string> Scenarios() =>
        new(PackseScenario.Load().Where(s => s.NoBinary.Count == 0).Select(s => s.Name)
            .Where(n => n != "python-less-than-current").OrderBy(n => n, StringComparer.Ordinal));

    public static TheoryData<string> NotOverHttp() =>
        new(PackseScenario.Load().Where(s => s.NoBinary.Count > 0).Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(NotOverHttp), Skip = "no_binary has no counterpart in this SDK: an index serving only refused wheels cannot be reproduced over HTTP")]
    public void NoBinaryScenario(string name) => Assert.Fail(name);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task SameOutcomeAsInMemory(string name)
    {
        var scenario = PackseScenario.Get(name);
        var index = "s" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..12].ToLowerInvariant();
        foreach (var v in scenario.Versions())
        {
            var options = new LocalIndexFileOptions { RequiresPython = v.RequiresPython, Yanked = v.Yanked };
            if (v.Sdist)
                fixture.Server.AddFile(index, $"{v.Name}-{v.Version}.tar.gz", [0x1f, 0x8b], options with { MetadataFile = false });
            if (!v.Wheel || scenario.NoBinary.Contains(v.Name)) continue;
            foreach (var tag in v.WheelTags.Count == 0 ? ["py3-none-any"] : v.WheelTags)
            {
                var wheel = new WheelBuilder(v.Name, v.Version) { Tag = tag, RequiresPython = v.RequiresPython };
                wheel.RequiresDist.AddRange(v.Requires);
                wheel.ProvidesExtra.AddRange(v.Extras);
                fixture.Server.AddFile(index, wheel.FileName, wheel.Build(), options);
            }
        }
        var http = fixture.Http;
        var router = new IndexRouter(http, new IndexRoutingOptions { DefaultIndexUrl = fixture.Server.NamedIndexUrl(index) });
        var overHttp = new IndexResolverSource(router, new MetadataFetcher(http), scenario.Tags());
        var request = scenario.Request() with { AllowSourceBuilds = false };

        var expected = await Outcome(new PubGrubResolver(scenario.Source()), request);
        var actual = await Outcome(new PubGrubResolver(overHttp), request);
        Assert.Equal(expected, actual);
    }

    private static async Task<string> Outcome(PubGrubResolver resolver, ResolutionRequest request)
    {
        try
        {
            var result = await resolver.ResolveAsync(request);
            return string.Join(", ", result.Packages.Select(p => $"{p.Name}=={p.Version}"));
        }
        catch (ResolutionException e)
        {
            return $"{e.Code} {string.Join(",", e.ConflictingPackages)}";
        }
    }
}
