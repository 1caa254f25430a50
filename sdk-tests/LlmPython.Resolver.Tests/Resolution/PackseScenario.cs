using System.Text.Json;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Tags;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Tests.Resolution;

/// <summary>One packse scenario (all-scenarios.json) turned into an in-memory index and a resolution request.</summary>
internal sealed class PackseScenario
{
    private const string DefaultRequiresPython = ">=3.12";
    private static readonly Lazy<JsonDocument> All = new(() => JsonDocument.Parse(File.ReadAllBytes(TestPaths.Vector("packse", "all-scenarios.json"))));

    private readonly JsonElement _json;

    private PackseScenario(JsonElement json) { _json = json; }

    public static IEnumerable<PackseScenario> Load() =>
        All.Value.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => new PackseScenario(s));

    public static PackseScenario Get(string name) => Load().Single(s => s.Name == name);

    public string Name => _json.GetProperty("name").GetString()!;

    public bool Satisfiable => Expected.GetProperty("satisfiable").GetBoolean();

    public bool Universal => Options is { } o && o.TryGetProperty("universal", out var u) && u.GetBoolean();

    /// <summary>Expected name → version, or null when the scenario lists none.</summary>
    public IReadOnlyDictionary<string, string>? ExpectedPackages =>
        Expected.TryGetProperty("packages", out var p) && p.EnumerateObject().Any()
            ? p.EnumerateObject().ToDictionary(x => PackageName.Normalize(x.Name), x => x.Value.GetString()!)
            : null;

    public IReadOnlyList<string> PackageNames =>
        _json.TryGetProperty("packages", out var p) ? p.EnumerateObject().Select(x => PackageName.Normalize(x.Name)).ToList() : [];

    /// <summary>The interpreter the resolution targets: resolver_options.python, else the environment's.</summary>
    public string TargetPython =>
        Options is { } o && o.TryGetProperty("python", out var py) ? py.GetString()!
        : _json.TryGetProperty("environment", out var env) && env.TryGetProperty("python", out var ep) ? ep.GetString()!
        : "3.12";

    private JsonElement Expected => _json.GetProperty("expected");

    private JsonElement? Options => _json.TryGetProperty("resolver_options", out var o) ? o : null;

    /// <summary>Packages whose wheels must not be used (resolver_options.no_binary).</summary>
    public IReadOnlyList<string> NoBinary => OptionList("no_binary");

    private IReadOnlyList<string> OptionList(string key) =>
        Options is { } o && o.TryGetProperty(key, out var l) ? l.EnumerateArray().Select(x => PackageName.Normalize(x.GetString()!)).ToList() : [];

    public ResolutionRequest Request()
    {
        var roots = _json.TryGetProperty("root", out var root) && root.TryGetProperty("requires", out var requires)
            ? requires.EnumerateArray().Select(r => new ResolutionRoot(Requirement.Parse(r.GetString()!))).ToList()
            : [];
        return new ResolutionRequest
        {
            Roots = roots,
            Environment = HostEnvironment.Linux(TargetPython),
            TargetPython = Pep440Version.Parse(TargetPython),
            AllowPrereleases = Options is { } o && o.TryGetProperty("prereleases", out var pre) && pre.GetBoolean(),
            // uv (which these scenarios describe) builds sdists unless told not to.
            AllowSourceBuilds = true,
        };
    }

    /// <summary>One package version of the scenario, defaults filled in.</summary>
    public sealed record PackageVersion(string Name, string Version, IReadOnlyList<string> Requires, IReadOnlyList<string> Extras,
        string? RequiresPython, bool Yanked, IReadOnlyList<string> WheelTags, bool Wheel, bool Sdist);

    public IEnumerable<PackageVersion> Versions()
    {
        if (!_json.TryGetProperty("packages", out var packages)) yield break;
        foreach (var package in packages.EnumerateObject())
        {
            foreach (var version in package.Value.GetProperty("versions").EnumerateObject())
            {
                var v = version.Value;
                var requirements = Strings(v, "requires").ToList();
                var extraNames = new List<string>();
                if (v.TryGetProperty("extras", out var extras))
                    foreach (var extra in extras.EnumerateObject())
                    {
                        extraNames.Add(extra.Name);
                        foreach (var r in extra.Value.EnumerateArray().Select(x => x.GetString()!))
                            requirements.Add(WithExtraMarker(r, extra.Name));
                    }
                var requiresPython = !v.TryGetProperty("requires_python", out var rp) ? DefaultRequiresPython
                    : rp.ValueKind == JsonValueKind.Null ? null : rp.GetString();
                yield return new PackageVersion(PackageName.Normalize(package.Name), version.Name, requirements, extraNames, requiresPython,
                    Bool(v, "yanked", false), Strings(v, "wheel_tags").ToList(), Bool(v, "wheel", true), Bool(v, "sdist", true));
            }
        }
    }

    public SupportedTags Tags()
    {
        var python = TargetPython.Split('.');
        var description = TargetDescription.FromRuntimeIdentifier("linux-x64", $"{python[0]}.{python[1]}");
        if (Options is { } o && o.TryGetProperty("python_platform", out var platform) && platform.GetString() == "x86_64-manylinux2014")
            description = description with { Glibc = (2, 17) };
        return description.ToSupportedTags();
    }

    /// <summary>The scenario as an in-memory index; <paramref name="wheelsOnly"/> drops every sdist.</summary>
    public InMemoryResolverSource Source(bool wheelsOnly = false)
    {
        var tags = Tags();
        var noBinary = OptionList("no_binary");
        var noBuild = OptionList("no_build");
        var source = new InMemoryResolverSource();
        foreach (var v in Versions())
        {
            var hasWheel = v.Wheel && !noBinary.Contains(v.Name)
                && (v.WheelTags.Count == 0 || v.WheelTags.Any(t => tags.Rank(Expand(t)) is not null));
            source.Add(v.Name, v.Version, v.Requires.ToArray(), c => c with
            {
                RequiresPython = v.RequiresPython is null ? null : VersionSpecifierSet.Parse(v.RequiresPython),
                IsYanked = v.Yanked,
                HasCompatibleWheel = hasWheel,
                HasSourceDistribution = v.Sdist && !noBuild.Contains(v.Name) && !wheelsOnly,
            });
        }
        return source;
    }

    private static string WithExtraMarker(string requirement, string extra)
    {
        var semicolon = requirement.IndexOf(';');
        return semicolon < 0
            ? $"{requirement} ; extra == \"{extra}\""
            : $"{requirement[..semicolon]} ; ({requirement[(semicolon + 1)..]}) and extra == \"{extra}\"";
    }

    /// <summary>Expands a compressed tag set (a.b-c-d.e) into its tag triples.</summary>
    private static IEnumerable<WheelTag> Expand(string tag)
    {
        var parts = tag.Split('-');
        return from i in parts[0].Split('.') from a in parts[1].Split('.') from p in parts[2].Split('.') select new WheelTag(i, a, p);
    }

    private static IEnumerable<string> Strings(JsonElement e, string key) =>
        e.TryGetProperty(key, out var list) ? list.EnumerateArray().Select(x => x.GetString()!) : [];

    private static bool Bool(JsonElement e, string key, bool fallback) =>
        e.TryGetProperty(key, out var b) && b.ValueKind is JsonValueKind.True or JsonValueKind.False ? b.GetBoolean() : fallback;
}
