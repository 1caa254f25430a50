using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Versioning;

/// <summary>
/// Reads the <c>Version</c> metadata of a <c>PythonPackage</c>/<c>PythonConstraint</c> item: a specifier
/// set (<c>&gt;=4.37,&lt;5</c>), a bare version meaning <c>==</c> (<c>2.4.0</c>), or empty for any version.
/// Errors are <see cref="LlmPyException"/>s naming the package.
/// </summary>
public static class PackageVersionConstraint
{
    /// <summary>Parses the metadata; throws LLMPY0100 when invalid, LLMPY0102 when no version can satisfy it.</summary>
    public static VersionSpecifierSet Parse(string packageName, string? text)
    {
        var trimmed = text is null ? "" : Pep440VersionParser.TrimPythonWhitespace(text);
        if (trimmed.Length == 0) return VersionSpecifierSet.Empty;

        VersionSpecifierSet set;
        if (Pep440Version.TryParse(trimmed, out _) && !trimmed.Contains(','))
            set = VersionSpecifierSet.Parse("==" + trimmed);
        else if (!VersionSpecifierSet.TryParse(trimmed, out set))
            throw new LlmPyException(DiagnosticCodes.Standards.InvalidSpecifier,
                $"Package '{packageName}': Version=\"{text}\" is not a PEP 440 version or specifier set. " +
                "Use a version such as 2.4.0 or a set such as >=4.37,<5, ~=2.4 or ==2.*.")
            { PackageName = packageName };

        if (set.IsUnsatisfiable())
            throw new LlmPyException(DiagnosticCodes.Standards.UnsatisfiableSpecifier,
                $"Package '{packageName}': Version=\"{text}\" can never be satisfied (its clauses exclude each other). " +
                "Loosen or remove one of the bounds.")
            { PackageName = packageName };
        return set;
    }

    /// <summary>Parses an exact version (lockfile entries, pins); throws LLMPY0101 naming the package when invalid.</summary>
    public static Pep440Version ParseVersion(string packageName, string text) =>
        Pep440Version.TryParse(text, out var v)
            ? v
            : throw new LlmPyException(DiagnosticCodes.Standards.InvalidVersion,
                $"Package '{packageName}': '{text}' is not a PEP 440 version (expected e.g. 2.4.0, 1.0rc1, 2.4.0+cu118).")
            { PackageName = packageName };
}
