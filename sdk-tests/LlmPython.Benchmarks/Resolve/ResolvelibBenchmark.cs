using System.Text.Json;
using LlmPython.Benchmarks.Common;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;

namespace LlmPython.Benchmarks.Resolve;

/// <summary>
/// Part (a) of <c>resolve</c>: every resolvelib functional case solved in-process by PubGrubResolver.
/// Cold = the first solve of the case in this process (JIT and caches of earlier cases are warm, the
/// case's own index JSON is parsed inside the timing); warm = median of 5 solves with the parsed index.
/// </summary>
internal static class ResolvelibBenchmark
{
    private const int WarmRuns = 5;

    public static async Task RunAsync()
    {
        var caseFiles = Directory.GetFiles(BenchPaths.Vector("resolvelib", "case"), "*.json").Order(StringComparer.Ordinal).ToList();
        var indexes = new Dictionary<string, JsonDocument>(StringComparer.Ordinal);
        var table = new Table($"resolvelib cases, PubGrubResolver in-process (CPython 3.11.7 linux markers; warm = median of {WarmRuns})",
            "case", "index pkgs", "outcome", "metadata reqs", "cold", "warm", "cold/warm");
        var totalCold = TimeSpan.Zero;
        var totalWarm = TimeSpan.Zero;
        foreach (var file in caseFiles)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            using var caseDoc = JsonDocument.Parse(await File.ReadAllBytesAsync(file).ConfigureAwait(false));
            var indexName = caseDoc.RootElement.GetProperty("index").GetString()!;
            var roots = caseDoc.RootElement.GetProperty("requested").EnumerateArray()
                .Select(r => new ResolutionRoot(Requirement.Parse(r.GetString()!))).ToList();

            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (!indexes.TryGetValue(indexName, out var index))
                indexes[indexName] = index = JsonDocument.Parse(await File.ReadAllBytesAsync(BenchPaths.Vector("resolvelib", "index", indexName + ".json")).ConfigureAwait(false));
            var (outcome, requests) = await SolveAsync(index, roots).ConfigureAwait(false);
            var cold = clock.Elapsed;

            var warmTimes = new List<TimeSpan>();
            for (var i = 0; i < WarmRuns; i++)
                warmTimes.Add(await Timing.OnceAsync(() => SolveAsync(index, roots)).ConfigureAwait(false));
            var warm = Timing.MedianOf(warmTimes);
            totalCold += cold;
            totalWarm += warm;
            var packages = index.RootElement.EnumerateObject().Count(p => p.Value.ValueKind == JsonValueKind.Object);
            table.Add(name, packages.ToString(), outcome, requests.ToString(), Timing.Ms(cold), Timing.Ms(warm), Timing.Ratio(cold, warm));
        }
        table.Add("TOTAL", "", "", "", Timing.Ms(totalCold), Timing.Ms(totalWarm), Timing.Ratio(totalCold, totalWarm));
        table.Print();
        Table.Summary($"{caseFiles.Count} resolvelib cases solved in {Timing.Ms(totalCold)} cold (index JSON parse included), {Timing.Ms(totalWarm)} warm.");
        foreach (var doc in indexes.Values) doc.Dispose();
    }

    /// <summary>One solve with a fresh source (no solver state carried over); returns (outcome, metadata requests).</summary>
    private static async Task<(string Outcome, int Requests)> SolveAsync(JsonDocument index, List<ResolutionRoot> roots)
    {
        var source = new LlmPython.TestSupport.ResolvelibIndexSource(index, HostMarkers.Linux311);
        var request = new ResolutionRequest { Roots = roots, Environment = HostMarkers.Linux311, MaxSteps = 20_000 };
        try
        {
            var result = await new PubGrubResolver(source).ResolveAsync(request).ConfigureAwait(false);
            return ($"{result.Packages.Count} packages", source.DependencyRequests.Values.Sum());
        }
        catch (ResolutionException)
        {
            return ("conflict", source.DependencyRequests.Values.Sum());
        }
        catch (LlmPyException e) when (e.Code == DiagnosticCodes.Resolution.TooComplex)
        {
            return ($"gave up ({e.Code})", source.DependencyRequests.Values.Sum());
        }
    }
}
