using LlmPython.Resolver.Resolution;
using Xunit.Abstractions;

namespace LlmPython.Resolver.Tests.Resolution;

/// <summary>Every packse scenario against an in-memory index built from it.</summary>
public class PackseScenarioTests(ITestOutputHelper output)
{
    /// <summary>Scenarios whose expectation this resolver does not share, with the reason.</summary>
    private static readonly Dictionary<string, string> Unsupported = new()
    {
        ["python-less-than-current"] = "uv ignores Requires-Python upper bounds; this resolver honours them as pip does",
        ["specific-architecture"] = "universal: only cp313 wheels exist, so the host-like target (CPython 3.12) has none; uv's universal lock does not check tags",
    };

    public static TheoryData<string> Supported() =>
        new(PackseScenario.Load().Select(s => s.Name).Where(n => !Unsupported.ContainsKey(n)).OrderBy(n => n, StringComparer.Ordinal));

    public static TheoryData<string, string> Skipped()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, reason) in Unsupported.OrderBy(kv => kv.Key, StringComparer.Ordinal)) data.Add(name, reason);
        return data;
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public async Task Scenario(string name)
    {
        var scenario = PackseScenario.Get(name);
        var source = scenario.Source();
        ResolutionResult? result = null;
        ResolutionException? failure = null;
        try { result = await new PubGrubResolver(source).ResolveAsync(scenario.Request()); }
        catch (ResolutionException e) { failure = e; }
        if (scenario.Universal)
            output.WriteLine($"{name}: universal scenario, resolved for linux x86_64 CPython {scenario.TargetPython} only");
        output.WriteLine(result is not null
            ? "resolved: " + string.Join(", ", result.Packages.Select(p => $"{p.Name}=={p.Version}"))
            : $"failed: {failure!.Code} {failure.Message}");
        Assert.All(source.DependencyRequests, kv => Assert.Equal(1, kv.Value));
        Assert.All(source.VersionRequests, kv => Assert.Equal(1, kv.Value));

        if (scenario.Satisfiable)
        {
            Assert.Null(failure);
            if (scenario.ExpectedPackages is { } expected)
                Assert.Equal(expected.OrderBy(kv => kv.Key), result!.Packages.ToDictionary(p => p.Name.Value, p => p.Version.ToString()).OrderBy(kv => kv.Key));
        }
        else if (!scenario.Universal)
        {
            Assert.NotNull(failure);
            Assert.StartsWith("LLMPY04", failure!.Code);
            Assert.NotEmpty(failure.ConflictingPackages);
            foreach (var package in failure.ConflictingPackages)
                Assert.Contains($"'{package}'", failure.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Skipped), Skip = "scenario expectation not shared by this resolver (reason in the row)")]
    public void SkippedScenario(string name, string reason)
    {
        Assert.Fail($"{name}: {reason}");
    }
}
