using System.Text;
using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Distributions;

/// <summary>The project-name part of distribution file names: its validation and PEP 503 normalization.</summary>
internal static class DistributionName
{
    /// <summary>
    /// A wheel's escaped name (PEP 427): letters, digits, '_' and '.' only, never "__" (an escaped
    /// name has single underscores). Non-ASCII letters are accepted as packaging accepts them.
    /// </summary>
    public static bool IsValidWheelNamePart(string s) =>
        s.Length > 0 && !s.Contains("__", StringComparison.Ordinal) && s.All(c => char.IsLetterOrDigit(c) || c is '_' or '.');

    /// <summary>An sdist's name part: legacy sdists keep '-' in the name.</summary>
    public static bool IsValidSdistNamePart(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-');

    /// <summary>Lower-cased, runs of '-', '_', '.' collapsed to one '-'.</summary>
    public static PackageName Normalize(string name)
    {
        var sb = new StringBuilder(name.Length);
        var inRun = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                if (!inRun) sb.Append('-');
                inRun = true;
            }
            else
            {
                sb.Append(char.ToLowerInvariant(c));
                inRun = false;
            }
        }
        return new PackageName(sb.ToString());
    }
}
