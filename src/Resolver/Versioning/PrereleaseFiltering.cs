namespace LlmPython.Resolver.Versioning;

/// <summary>
/// The pre-release policies shared by <see cref="VersionSpecifier"/> and <see cref="VersionSpecifierSet"/>
/// filtering. prereleases null = PEP 440 default: pre-releases only when no final release matched.
/// </summary>
internal static class PrereleaseFiltering
{
    /// <summary>Filters items already known to match, by parsed ranges; strings that are not PEP 440 are dropped.</summary>
    public static IEnumerable<T> ByRanges<T>(IReadOnlyList<VersionRange> ranges, IEnumerable<T> items,
        Func<T, VersionCandidate> key, bool? prereleases)
    {
        if (prereleases is null)
        {
            var buffer = new List<T>();
            var foundFinal = false;
            foreach (var item in items)
            {
                var v = key(item).Version;
                if (v is null || !VersionRangeMath.Contains(ranges, v)) continue;
                if (v.IsPrerelease)
                {
                    if (!foundFinal) buffer.Add(item);
                }
                else
                {
                    foundFinal = true;
                    yield return item;
                }
            }
            if (!foundFinal) foreach (var item in buffer) yield return item;
            yield break;
        }
        var excludePre = prereleases == false;
        foreach (var item in items)
        {
            var v = key(item).Version;
            if (v is null || (excludePre && v.IsPrerelease)) continue;
            if (VersionRangeMath.Contains(ranges, v)) yield return item;
        }
    }

    /// <summary>Applies the policy to items that already matched (used by <c>===</c> and the empty set); non-PEP 440 strings are kept.</summary>
    public static IEnumerable<T> Apply<T>(IEnumerable<T> matches, Func<T, VersionCandidate> key, bool? prereleases)
    {
        if (prereleases == true) return matches;
        if (prereleases == false) return matches.Where(m => key(m).Version is not { IsPrerelease: true });
        return Pep440Default(matches, key);
    }

    private static IEnumerable<T> Pep440Default<T>(IEnumerable<T> matches, Func<T, VersionCandidate> key)
    {
        // Strings that are not versions cannot be judged as pre-releases: they go out with the first
        // final release, or with the pre-releases when there is no final one.
        var nonFinal = new List<T>();
        var arbitrary = new List<T>();
        var foundFinal = false;
        foreach (var item in matches)
        {
            var v = key(item).Version;
            if (v is null)
            {
                if (foundFinal) yield return item;
                else { arbitrary.Add(item); nonFinal.Add(item); }
                continue;
            }
            if (!v.IsPrerelease)
            {
                if (!foundFinal)
                {
                    foreach (var a in arbitrary) yield return a;
                    foundFinal = true;
                }
                yield return item;
                continue;
            }
            if (!foundFinal) nonFinal.Add(item);
        }
        if (!foundFinal) foreach (var item in nonFinal) yield return item;
    }
}
