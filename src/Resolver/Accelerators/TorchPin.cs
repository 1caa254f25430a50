namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// The torch release a specifier pins, which the backend choice checks against the GPU architecture tables and
/// torchvision / torchaudio are paired with.
/// </summary>
public static class TorchPin
{
    /// <summary>
    /// The exact release a specifier pins: <c>2.4.0</c> or <c>==2.4.0</c> (one clause, no wildcard, local label
    /// dropped); null for ranges, <c>===</c>, several clauses, or nothing.
    /// </summary>
    public static string? Release(string? versionSpec)
    {
        if (string.IsNullOrWhiteSpace(versionSpec)) return null;
        var spec = versionSpec.Trim();
        if (spec.Contains(',') || spec.Contains('*') || spec.StartsWith("===", StringComparison.Ordinal)) return null;
        if (spec.StartsWith("==", StringComparison.Ordinal)) spec = spec[2..].Trim();
        else if (!char.IsAsciiDigit(spec[0])) return null;
        return TorchReleaseNumber.TryParse(spec, out _) ? spec.Split('+')[0] : null;
    }
}
