using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.ProjectFiles;

/// <summary>
/// Enforces <c>--hash</c>: a package whose requirement lists hashes may only be locked and installed as a file whose
/// sha256 is listed (downloads are then checked against the locked sha256). Packages without listed hashes are not
/// restricted (unlike pip's all-or-nothing hash-checking mode).
/// </summary>
public static class HashPins
{
    public static void Verify(RestoreRequest request, LockedEnvironment environment)
    {
        if (request.RequiredHashes.Count == 0)
            return;
        foreach (var group in request.RequiredHashes.GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            var package = environment.Find(group.Key);
            if (package is null)
                continue;
            var allowed = group.SelectMany(p => p.Sha256).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!allowed.Contains(package.Sha256))
                throw new LlmPyException(DiagnosticCodes.ProjectFiles.HashNotListed,
                    $"{package.Name} {package.Version}: the file {package.FileName} has sha256 {package.Sha256}, which {string.Join(" and ", group.Select(p => p.Origin))} does not list " +
                    $"(--hash allows {string.Join(", ", allowed.Order(StringComparer.Ordinal))}); it is refused. If the file is the one you trust, add --hash=sha256:{package.Sha256}; otherwise pin the version whose file is listed.")
                { PackageName = package.Name, SourceFile = group.First().File, SourceLine = group.First().Line };
        }
    }
}
