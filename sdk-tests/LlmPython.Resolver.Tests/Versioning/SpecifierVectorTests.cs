using System.Text.Json.Nodes;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Tests.Versioning;

/// <summary>Every row of packaging/specifiers.json (Specifier = one clause, SpecifierSet = comma-separated set).</summary>
public class SpecifierVectorTests
{
    private const string File = "specifiers.json";

    /// <summary>One clause or a set behind the same calls, as the vector's "kind" says.</summary>
    private sealed class Subject
    {
        private readonly VersionSpecifier? _spec;
        private readonly VersionSpecifierSet? _set;

        public Subject(string kind, string text, bool? prereleases)
        {
            if (kind == "Specifier") _spec = VersionSpecifier.Parse(text, prereleases);
            else _set = VersionSpecifierSet.Parse(text, prereleases);
        }

        public bool? Prereleases
        {
            get => _spec is not null ? _spec.Prereleases : _set!.Prereleases;
            set { if (_spec is not null) _spec.Prereleases = value; else _set!.Prereleases = value; }
        }

        public bool Contains(VersionCandidate item, bool? prereleases = null, bool? installed = null) =>
            _spec is not null ? _spec.Contains(item, prereleases) : _set!.Contains(item, prereleases, installed);

        public IEnumerable<object> Filter(IEnumerable<object> items, bool? prereleases) =>
            _spec is not null ? _spec.Filter(items, Candidate, prereleases) : _set!.Filter(items, Candidate, prereleases);

        public override string ToString() => _spec?.ToString() ?? _set!.ToString();
    }

    private static object Item(JsonNode node) =>
        node is JsonObject o ? Pep440Version.Parse(o["version_object"]!.GetValue<string>()) : node.GetValue<string>();

    private static VersionCandidate Candidate(object item) =>
        item is Pep440Version v ? VersionCandidate.FromVersion(v) : VersionCandidate.FromString((string)item);

    private static string Describe(object item) => item is Pep440Version v ? "Version(" + v + ")" : "'" + item + "'";

    public static TheoryData<string> ValidSpecifiers()
    {
        var data = new TheoryData<string>();
        foreach (var s in PackagingVectors.Strings(File, "valid_specifiers", "specifiers")) data.Add(s);
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidSpecifiers))]
    public void ValidSpecifier_EqualsItselfOnly(string text)
    {
        var spec = VersionSpecifier.Parse(text);
        var set = VersionSpecifierSet.Parse(text);
        Assert.Equal(spec, VersionSpecifier.Parse(text));
        Assert.Equal(set, VersionSpecifierSet.Parse(text));
        foreach (var other in PackagingVectors.Strings(File, "valid_specifiers", "specifiers").Where(o => o != text))
        {
            Assert.NotEqual(spec, VersionSpecifier.Parse(other));
            Assert.NotEqual(set, VersionSpecifierSet.Parse(other));
        }
    }

    public static TheoryData<string> InvalidSpecifiers()
    {
        var data = new TheoryData<string>();
        foreach (var s in PackagingVectors.Strings(File, "invalid_specifiers", "specifiers")) data.Add(s);
        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidSpecifiers))]
    public void InvalidSpecifier_IsRejected(string text)
    {
        Assert.Throws<FormatException>(() => VersionSpecifier.Parse(text));
        Assert.False(VersionSpecifier.TryParse(text, out _));
        Assert.Throws<FormatException>(() => VersionSpecifierSet.Parse(text));
    }

    public static TheoryData<string> EveryOperatorVersions()
    {
        var data = new TheoryData<string>();
        foreach (var s in PackagingVectors.Strings(File, "valid_with_every_operator", "versions")) data.Add(s);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOperatorVersions))]
    public void VersionIsValidAfterEveryOperator(string version)
    {
        string[] operators = version.Contains('+') ? ["==", "!="] : ["~=", "==", "!=", "<=", ">=", "<", ">"];
        foreach (var op in operators)
            Assert.True(VersionSpecifier.TryParse(op + version, out _), op + version);
        if (version.Contains('+'))
            foreach (var op in new[] { "~=", "<=", ">=", "<", ">" })
                Assert.False(VersionSpecifier.TryParse(op + version, out _), op + version);
    }

    public static TheoryData<int, string> StrNormalization() => PackagingVectors.Rows(File, "str_normalization");

    [Theory]
    [MemberData(nameof(StrNormalization))]
    public void ToString_IsNormalized(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var subject = new Subject(row["kind"]!.GetValue<string>(), row["input"]!.GetValue<string>(), null);
        Assert.Equal(row["str"]!.GetValue<string>(), subject.ToString());
    }

    public static TheoryData<int, string> PrereleasesProperty() => PackagingVectors.Rows(File, "prereleases_property");

    [Theory]
    [MemberData(nameof(PrereleasesProperty))]
    public void PrereleasesProperty_DetectsPrereleaseClauses(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        Assert.Equal(row["prereleases"]!.GetValue<bool>(), VersionSpecifier.Parse(row["specifier"]!.GetValue<string>()).Prereleases);
    }

    public static TheoryData<int, string> OperatorAndVersion() => PackagingVectors.Rows(File, "operator_and_version_properties");

    [Theory]
    [MemberData(nameof(OperatorAndVersion))]
    public void OperatorAndVersion_AreExposed(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var spec = VersionSpecifier.Parse(row["specifier"]!.GetValue<string>());
        Assert.Equal(row["operator"]!.GetValue<string>(), spec.Operator);
        Assert.Equal(row["version"]!.GetValue<string>(), spec.Version);
    }

    public static TheoryData<int, string> SetLengthAndItems() => PackagingVectors.Rows(File, "set_length_and_items");

    [Theory]
    [MemberData(nameof(SetLengthAndItems))]
    public void Set_LengthAndItems(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var set = VersionSpecifierSet.Parse(row["specifier_set"]!.GetValue<string>());
        Assert.Equal(row["length"]!.GetValue<int>(), set.Count);
        Assert.Equal(row["items"]!.AsArray().Select(n => n!.GetValue<string>()), set.Specifiers.Select(s => s.ToString()));
        Assert.Equal(set.Count == 0, set.IsEmpty);
    }

    public static TheoryData<int, string> ContainsCases() => PackagingVectors.Rows(File, "contains");

    [Theory]
    [MemberData(nameof(ContainsCases))]
    public void Contains_MatchesPackaging(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var subject = new Subject(row["kind"]!.GetValue<string>(), row["specifier"]!.GetValue<string>(), PackagingVectors.OptionalBool(row, "prereleases"));
        var text = row["version"]!.GetValue<string>();
        var item = PackagingVectors.OptionalBool(row, "version_is_object") == true
            ? VersionCandidate.FromVersion(Pep440Version.Parse(text))
            : VersionCandidate.FromString(text);
        var actual = subject.Contains(item, PackagingVectors.OptionalBool(row, "contains_prereleases"), PackagingVectors.OptionalBool(row, "installed"));
        Assert.Equal(row["expected"]!.GetValue<bool>(), actual);
    }

    public static TheoryData<int, string> PrereleasesMutation() => PackagingVectors.Rows(File, "prereleases_mutation");

    [Theory]
    [MemberData(nameof(PrereleasesMutation))]
    public void PrereleasesMutation_ChangesContains(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var subject = new Subject(row["kind"]!.GetValue<string>(), row["specifier"]!.GetValue<string>(), PackagingVectors.OptionalBool(row, "initial_prereleases"));
        var version = row["version"]!.GetValue<string>();
        Assert.Equal(row["initial_contains"]!.GetValue<bool>(), subject.Contains(version));
        subject.Prereleases = PackagingVectors.OptionalBool(row, "set_prereleases");
        Assert.Equal(row["final_contains"]!.GetValue<bool>(), subject.Contains(version));
    }

    public static TheoryData<int, string> FilterCases() => PackagingVectors.Rows(File, "filter");

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_MatchesPackaging(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var subject = new Subject(row["kind"]!.GetValue<string>(), row["specifier"]!.GetValue<string>(), PackagingVectors.OptionalBool(row, "prereleases"));
        var input = row["input"]!.AsArray().Select(n => Item(n!)).ToList();
        var expected = row["expected"]!.AsArray().Select(n => Describe(Item(n!)));
        var actual = subject.Filter(input, PackagingVectors.OptionalBool(row, "filter_prereleases")).Select(Describe);
        Assert.Equal(expected, actual);
    }

    public static TheoryData<int, string> SetRelations() => PackagingVectors.Rows(File, "set_relations");

    [Theory]
    [MemberData(nameof(SetRelations))]
    public void SetRelations_MatchPackaging(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        Assert.Equal(row["expected"]!.GetValue<bool>(), Relate(row));
    }

    public static TheoryData<string> SetRelationErrors()
    {
        var data = new TheoryData<string>();
        foreach (var row in PackagingVectors.File(File)["set_relations"]!["errors"]!.AsArray())
            if (row!["relation"] is not null) data.Add(row.ToJsonString());
        return data;
    }

    [Theory]
    [MemberData(nameof(SetRelationErrors))]
    public void SetRelations_WithArbitraryEquality_Throw(string json) =>
        Assert.Throws<ArgumentException>(() => Relate(PackagingVectors.Row(json)));

    /// <summary>The errors list's note row: mixing explicit prereleases=True and False sets raises.</summary>
    [Fact]
    public void SetRelations_MixedPrereleaseChoices_Throw()
    {
        var yes = VersionSpecifierSet.Parse(">=1.0", prereleases: true);
        var no = VersionSpecifierSet.Parse(">=2.0", prereleases: false);
        Assert.Throws<ArgumentException>(() => yes.IsSubsetOf(no));
        Assert.Throws<ArgumentException>(() => no.IsSupersetOf(yes));
        Assert.Throws<ArgumentException>(() => yes.IsDisjointWith(no));
    }

    private static bool Relate(JsonObject row)
    {
        var left = VersionSpecifierSet.Parse(row["left"]!.GetValue<string>());
        var right = VersionSpecifierSet.Parse(row["right"]!.GetValue<string>());
        return row["relation"]!.GetValue<string>() switch
        {
            "is_subset" => left.IsSubsetOf(right),
            "is_superset" => left.IsSupersetOf(right),
            "is_disjoint" => left.IsDisjointWith(right),
            var r => throw new InvalidOperationException("unknown relation " + r),
        };
    }

    public static TheoryData<string, string, bool> Satisfiability()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (list, satisfiable) in new[]
                 {
                     ("unsatisfiable", false), ("satisfiable", true), ("unsatisfiable_no_prereleases", false),
                     ("satisfiable_no_prereleases", true), ("unsatisfiable_post_release_boundary", false),
                 })
            foreach (var s in PackagingVectors.Strings(File, "satisfiability", list))
                data.Add(list, s, satisfiable);
        return data;
    }

    /// <summary>IsSatisfiable, double-checked as upstream does by filtering sample_versions.</summary>
    [Theory]
    [MemberData(nameof(Satisfiability))]
    public void Satisfiability_MatchesPackaging(string list, string text, bool satisfiable)
    {
        var noPrereleases = list.EndsWith("_no_prereleases", StringComparison.Ordinal);
        var set = VersionSpecifierSet.Parse(text, noPrereleases ? false : null);
        Assert.Equal(satisfiable, set.IsSatisfiable());
        Assert.Equal(!satisfiable, set.IsUnsatisfiable());
        var samples = PackagingVectors.Strings(File, "satisfiability", "sample_versions");
        var matched = set.Filter(samples, noPrereleases ? false : true).Any();
        if (!satisfiable) Assert.False(matched, "an unsatisfiable set matched a sample version");
        else if (text.Length > 0) Assert.True(matched, "a satisfiable set matched no sample version");
    }

    public static TheoryData<int, string> CanonicalizationStability() => PackagingVectors.Rows(File, "contains_canonicalization_stability");

    [Theory]
    [MemberData(nameof(CanonicalizationStability))]
    public void Contains_IsStableAcrossCanonicalization(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var set = VersionSpecifierSet.Parse(row["specifier_set"]!.GetValue<string>());
        var reparsed = VersionSpecifierSet.Parse(set.ToString());
        foreach (var (version, expected) in row["expected_contains"]!.AsObject())
        {
            Assert.Equal(expected!.GetValue<bool>(), set.Contains(version));
            Assert.Equal(expected.GetValue<bool>(), reparsed.Contains(version));
        }
    }

    public static TheoryData<int, string> ArbitraryIntersection() => PackagingVectors.Rows(File, "arbitrary_equality_intersection");

    [Theory]
    [MemberData(nameof(ArbitraryIntersection))]
    public void ArbitraryEquality_FilterOfCombinedSetIsIntersection(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var spec1 = row["spec1"]!.GetValue<string>();
        var spec2 = row["spec2"]!.GetValue<string>();
        var input = row["input"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var expected = VersionSpecifierSet.Parse(spec1).Filter(input).ToHashSet();
        expected.IntersectWith(VersionSpecifierSet.Parse(spec2).Filter(input));
        var combined = VersionSpecifierSet.Parse(spec1 + "," + spec2).Filter(input).ToHashSet();
        Assert.Equal(expected.OrderBy(s => s, StringComparer.Ordinal), combined.OrderBy(s => s, StringComparer.Ordinal));
    }

    // equality and combine rows are assertions as text: transcribed by hand, one test each.

    [Fact]
    public void Equality_TrailingZerosAreEqual()
    {
        Assert.Equal(VersionSpecifier.Parse("==2.8"), VersionSpecifier.Parse("==2.8.0"));
        Assert.Equal(VersionSpecifier.Parse("==2.8").GetHashCode(), VersionSpecifier.Parse("==2.8.0").GetHashCode());
        Assert.Equal(VersionSpecifierSet.Parse("==2.8"), VersionSpecifierSet.Parse("==2.8.0"));
    }

    [Fact]
    public void Equality_CompatibleKeepsTrailingZeros()
    {
        Assert.NotEqual(VersionSpecifier.Parse("~=1.18"), VersionSpecifier.Parse("~=1.18.0"));
        Assert.NotEqual(VersionSpecifier.Parse("~=1.18").GetHashCode(), VersionSpecifier.Parse("~=1.18.0").GetHashCode());
    }

    [Fact]
    public void Equality_DuplicateClausesCollapse()
    {
        var a = VersionSpecifierSet.Parse(">1.0.0,>1.0");
        var b = VersionSpecifierSet.Parse(">1.0");
        Assert.Equal(b, a);
        Assert.Equal(b.GetHashCode(), a.GetHashCode());
        Assert.Equal(b.ToString(), a.ToString());
    }

    [Fact]
    public void Equality_OtherTypesAreUnequal()
    {
        var spec = VersionSpecifier.Parse("==1.0");
        Assert.False(spec.Equals(12));
        Assert.False(spec.Equals("12"));
        Assert.False(VersionSpecifier.TryParse("12", out _));
    }

    [Fact]
    public void Combine_JoinsClauses()
    {
        var combined = VersionSpecifierSet.Parse(">2.0").Intersect(VersionSpecifierSet.Parse("<5.0"));
        Assert.Equal(VersionSpecifierSet.Parse(">2.0,<5.0"), combined);
    }

    [Fact]
    public void Combine_PrereleaseChoices()
    {
        Assert.Null(VersionSpecifierSet.Parse(">2.0").Intersect(VersionSpecifierSet.Parse("<5.0")).PrereleasesOverride);
        Assert.True(VersionSpecifierSet.Parse(">2.0", true).Intersect(VersionSpecifierSet.Parse("<5.0")).PrereleasesOverride);
        Assert.False(VersionSpecifierSet.Parse(">2.0").Intersect(VersionSpecifierSet.Parse("<5.0", false)).PrereleasesOverride);
        Assert.True(VersionSpecifierSet.Parse(">2.0", true).Intersect(VersionSpecifierSet.Parse("<5.0", true)).PrereleasesOverride);
        Assert.Throws<InvalidOperationException>(() =>
            VersionSpecifierSet.Parse(">2.0", true).Intersect(VersionSpecifierSet.Parse("<5.0", false)));
    }

    [Fact]
    public void Combine_StringIsSorted() =>
        Assert.Equal("<5.0,>=1.0", VersionSpecifierSet.Parse(">=1.0").Intersect(VersionSpecifierSet.Parse(">=1.0,<5.0")).ToString());

    [Fact]
    public void Combine_CanBeUnsatisfiable() =>
        Assert.False(VersionSpecifierSet.Parse(">=2.0").Intersect(VersionSpecifierSet.Parse("<1.0")).IsSatisfiable());
}
