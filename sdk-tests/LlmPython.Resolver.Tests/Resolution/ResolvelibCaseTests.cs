using LlmPython.Resolver.Diagnostics;
using System.Diagnostics;
using System.Text.Json;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Versioning;
using LlmPython.TestSupport;
using Xunit.Abstractions;

namespace LlmPython.Resolver.Tests.Resolution;

/// <summary>Every resolvelib functional case against its frozen PyPI index.</summary>
public class ResolvelibCaseTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases() =>
        new(Directory.GetFiles(TestPaths.Vector("resolvelib", "case"), "*.json").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Vector("resolvelib", "case", name + ".json")));
        var root = doc.RootElement;
        var source = new ResolvelibIndexSource(LoadIndex(root.GetProperty("index").GetString()!), HostEnvironment.Linux("3.11.7"));
        var request = new ResolutionRequest
        {
            Roots = root.GetProperty("requested").EnumerateArray().Select(r => new ResolutionRoot(Requirement.Parse(r.GetString()!))).ToList(),
            Environment = HostEnvironment.Linux("3.11.7"),
            MaxSteps = 20_000,
        };
        var clock = Stopwatch.StartNew();
        ResolutionResult? result = null;
        ResolutionException? failure = null;
        try { result = await new PubGrubResolver(source).ResolveAsync(request); }
        catch (ResolutionException e) { failure = e; }
        catch (Diagnostics.LlmPyException e) when (name == "pyrex-1.9.8" && e.Code == DiagnosticCodes.Resolution.TooComplex)
        {
            output.WriteLine($"{name}: gave up ({e.Code}) after {clock.ElapsedMilliseconds} ms");
            return;
        }
        output.WriteLine($"{name}: {(result is null ? "failed" : $"{result.Packages.Count} packages")} in {clock.ElapsedMilliseconds} ms, {source.DependencyRequests.Count} metadata requests");
        if (failure is not null) output.WriteLine(failure.Message);

        Assert.All(source.DependencyRequests, kv => Assert.Equal(1, kv.Value));
        if (root.TryGetProperty("unvisited", out var unvisited))
            foreach (var package in unvisited.EnumerateObject())
                foreach (var version in package.Value.EnumerateArray())
                    Assert.DoesNotContain($"{package.Name}=={version.GetString()}", source.DependencyRequests.Keys);

        if (name == "pyrex-1.9.8") return; // upstream xfail ("too many rounds"): it must finish, either way
        if (root.TryGetProperty("conflicted", out var conflicted))
        {
            Assert.NotNull(failure);
            Assert.Equal(conflicted.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal), failure!.ConflictingPackages);
            return;
        }
        Assert.Null(failure);
        var expected = root.GetProperty("resolved").EnumerateObject()
            .ToDictionary(p => PackageName.Normalize(p.Name), p => Pep440Version.Parse(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetProperty("version").GetString()!));
        Assert.Equal(expected.Keys.Order(), result!.Packages.Select(p => p.Name.Value).Order());
        foreach (var package in result.Packages)
            Assert.True(expected[package.Name.Value] == package.Version, $"{package.Name}: expected {expected[package.Name.Value]}, resolved {package.Version}");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Text.Json.JsonDocument> Indexes = new();

    /// <summary>Each frozen index is parsed once per test run.</summary>
    private static System.Text.Json.JsonDocument LoadIndex(string name) =>
        Indexes.GetOrAdd(name, n => System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(TestPaths.Vector("resolvelib", "index", n + ".json"))));
}
