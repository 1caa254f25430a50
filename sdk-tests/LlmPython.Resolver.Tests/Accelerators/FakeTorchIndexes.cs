using LlmPython.Resolver.Accelerators;

namespace LlmPython.Resolver.Tests.Accelerators;

/// <summary>
/// Which torch versions each fake backend index holds, and a tiny request language for the tests:
/// "2.8.0" (exactly), ">=2.7" (at least), "*" (any).
/// </summary>
internal sealed class FakeTorchIndexes
{
    public static readonly IReadOnlyDictionary<string, string[]> Default = new Dictionary<string, string[]>
    {
        ["cu132"] = ["2.12.0"],
        ["cu130"] = ["2.9.0", "2.11.0", "2.12.0"],
        ["cu129"] = ["2.8.0", "2.9.0"],
        ["cu128"] = ["2.7.1", "2.8.0", "2.9.0"],
        ["cu126"] = ["2.6.0", "2.7.1", "2.8.0", "2.9.0"],
        ["cu124"] = ["2.4.0", "2.5.1", "2.6.0"],
        ["cu121"] = ["2.4.0", "2.5.1"],
        ["cu118"] = ["2.4.0", "2.5.1", "2.6.0", "2.7.1"],
        ["rocm6.4"] = ["2.8.0"],
        ["rocm6.2"] = ["2.5.1"],
        ["xpu"] = ["2.8.0"],
        ["cpu"] = ["2.4.0", "2.5.1", "2.6.0", "2.7.1", "2.8.0", "2.9.0", "2.11.0", "2.12.0"],
    };

    private readonly IReadOnlyDictionary<string, string[]> _indexes;

    public FakeTorchIndexes(IReadOnlyDictionary<string, string[]>? indexes = null) => _indexes = indexes ?? Default;

    /// <summary>Backends asked, in order (to check that the selector asks only what it must).</summary>
    public List<string> Asked { get; } = [];

    public Func<string, CancellationToken, Task<IReadOnlyList<string>>> VersionsMatching(string request) => (backend, _) =>
    {
        Asked.Add(backend);
        IReadOnlyList<string> versions = _indexes.GetValueOrDefault(backend, []).Where(v => Matches(v, request)).ToList();
        return Task.FromResult(versions);
    };

    public Func<string, CancellationToken, Task<bool>> CanSatisfy(string request) => async (backend, ct) =>
        (await VersionsMatching(request)(backend, ct)).Count > 0;

    private static bool Matches(string version, string request)
    {
        if (request == "*") return true;
        var v = TorchReleaseNumber.Parse(version);
        return request.StartsWith(">=", StringComparison.Ordinal)
            ? v.CompareTo(TorchReleaseNumber.Parse(request[2..])) >= 0
            : v.Equals(TorchReleaseNumber.Parse(request));
    }
}
