using System.Collections.Concurrent;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Indexes;

/// <summary>The one source that serves a project, and what it lists.</summary>
public sealed record RoutedProject(string Name, IPackageSource Source, ProjectPage Page);

/// <summary>
/// Answers which ONE source serves a package name, so a public index can never shadow a private name
/// (dependency confusion): an <c>Index=</c> pin → that index only; a PyTorch-family name → the backend
/// index only; otherwise the first source that has the project, in order: find-links locations, then
/// non-explicit PythonIndex items in declaration order, then PythonIndexUrl. Versions are never compared
/// across sources. Explicit indexes serve only packages pinned to them.
/// </summary>
public sealed class IndexRouter
{
    private readonly IReadOnlyList<IPackageSource> _ordered;
    private readonly Dictionary<string, IPackageSource> _named = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _pins = new(StringComparer.Ordinal);
    private readonly IPackageSource? _pyTorch;
    private readonly IReadOnlySet<string> _family;
    private readonly ConcurrentDictionary<string, Lazy<Task<RoutedProject?>>> _answers = new(StringComparer.Ordinal);

    public IndexRouter(PythonHttpClient http, IndexRoutingOptions options)
    {
        var ordered = new List<IPackageSource>();
        ordered.AddRange(options.FindLinks.Select(f => new FindLinksSource(http, f, options.BaseDirectory)));
        foreach (var item in options.Indexes)
        {
            var client = new SimpleIndexClient(http, item.Url, item.Name);
            if (!string.IsNullOrEmpty(item.Name)) _named[item.Name] = client;
            if (!item.Explicit) ordered.Add(client);
        }
        ordered.Add(new SimpleIndexClient(http, options.DefaultIndexUrl));
        _ordered = ordered;
        _family = options.PyTorchFamily;
        if (options.PyTorchBackendIndexUrl is { Length: > 0 } torchUrl)
            _pyTorch = new SimpleIndexClient(http, torchUrl, "pytorch");

        // RequestValidator has checked that every pin names a PythonIndex (LLMPY0004).
        foreach (var (package, indexName) in options.IndexPins)
            _pins[ProjectNames.Normalize(package)] = _named.ContainsKey(indexName) ? indexName
                : throw new ArgumentException($"Index pin '{indexName}' of {package} names no PythonIndex; validate the request first.", nameof(options));
    }

    /// <summary>The sources consulted for a name, in order (one element when the name is pinned or PyTorch-routed).</summary>
    public IReadOnlyList<IPackageSource> CandidatesFor(string name)
    {
        var normalized = ProjectNames.Normalize(name);
        if (_pins.TryGetValue(normalized, out var indexName))
            return [_named[indexName]];
        if (_pyTorch is not null && _family.Contains(normalized))
            return [_pyTorch];
        return _ordered;
    }

    /// <summary>
    /// The source that serves <paramref name="name"/> and its page, or null when no candidate has it
    /// (<see cref="CandidatesFor"/> says where it was looked for). Answers are memoized per name.
    /// </summary>
    public Task<RoutedProject?> RouteAsync(string name, CancellationToken cancellationToken = default)
    {
        var normalized = ProjectNames.Normalize(name);
        // The shared lookup runs uncancelled (other callers may wait on it); each caller's wait is cancellable.
        var lazy = _answers.GetOrAdd(normalized, n => new Lazy<Task<RoutedProject?>>(() => FirstWithProjectAsync(n, CancellationToken.None)));
        if (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
            _answers.TryRemove(new KeyValuePair<string, Lazy<Task<RoutedProject?>>>(normalized, lazy)); // a failure is not remembered
        return lazy.Value.WaitAsync(cancellationToken);
    }

    private async Task<RoutedProject?> FirstWithProjectAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var source in CandidatesFor(name))
        {
            var page = await source.GetProjectAsync(name, cancellationToken).ConfigureAwait(false);
            // uv's first-index: an index that lists the project answers, even when its files do not fit later.
            if (page is not null)
                return new RoutedProject(name, source, page);
        }
        return null;
    }
}
