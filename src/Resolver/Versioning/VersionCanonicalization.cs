using System.Text;

namespace LlmPython.Resolver.Versioning;

/// <summary>packaging's <c>canonicalize_version</c>: the normalized form with trailing release zeros dropped.</summary>
public static class VersionCanonicalization
{
    /// <summary>Canonical form of <paramref name="version"/>; strings that are not PEP 440 come back unchanged.</summary>
    public static string CanonicalizeVersion(string version, bool stripTrailingZero = true) =>
        Pep440Version.TryParse(version, out var v) ? CanonicalizeVersion(v, stripTrailingZero) : version;

    /// <summary>"1.0.0" → "1", "1.4.0+abc" → "1.4+abc"; with <paramref name="stripTrailingZero"/> false, the normalized form.</summary>
    public static string CanonicalizeVersion(Pep440Version version, bool stripTrailingZero = true)
    {
        if (!stripTrailingZero) return version.ToString();
        var release = version.Release;
        var length = release.Count;
        while (length > 1 && release[length - 1].IsZero) length--;
        if (length == release.Count) return version.ToString();
        var sb = new StringBuilder();
        if (version.Epoch != 0) sb.Append(version.Epoch).Append('!');
        for (var i = 0; i < length; i++)
        {
            if (i > 0) sb.Append('.');
            sb.Append(release[i]);
        }
        if (version.Pre is { } pre) sb.Append(pre.Letter).Append(pre.Number);
        if (version.Post is { } post) sb.Append(".post").Append(post);
        if (version.Dev is { } dev) sb.Append(".dev").Append(dev);
        if (version.Local is { } local) sb.Append('+').Append(local);
        return sb.ToString();
    }
}
