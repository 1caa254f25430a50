namespace LlmPython.Resolver.Requirements;

/// <summary>
/// The text shape of one PEP 440 specifier clause as it may appear inside a PEP 508 requirement.
/// Only used to find where a clause ends; the clause itself is parsed by Versioning.
/// </summary>
internal static class SpecifierTokenPattern
{
    private const string Pre = @"(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?";
    private const string Post = @"(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?";
    private const string Dev = @"(?:[-_.]?dev[-_.]?[0-9]*)?";
    private const string Local = @"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?";
    private const string Epoch = @"(?:[0-9]+!)?";

    /// <summary>
    /// Operator followed by a version: <c>===</c> takes anything up to whitespace, ';' or ')';
    /// <c>==</c>/<c>!=</c> allow a wildcard or a local label; <c>~=</c> needs two release parts;
    /// the ordering operators allow neither.
    /// </summary>
    public const string Clause =
        @"(?:===\s*[^\s;)]*)" +
        @"|(?:(?:==|!=)\s*v?" + Epoch + @"[0-9]+(?:\.[0-9]+)*(?:\.\*|" + Pre + Post + Dev + Local + "))" +
        @"|(?:~=\s*v?" + Epoch + @"[0-9]+(?:\.[0-9]+)+" + Pre + Post + Dev + ")" +
        @"|(?:(?:<=|>=|<|>)\s*v?" + Epoch + @"[0-9]+(?:\.[0-9]+)*" + Pre + Post + Dev + ")";
}
