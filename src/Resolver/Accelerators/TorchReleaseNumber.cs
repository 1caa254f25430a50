using System.Globalization;

namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// The release numbers of a torch-family version (<c>2.4.0+cu118</c> → 2.4.0), enough to look a version up
/// in the data tables; the full PEP 440 semantics live in <c>Versioning</c>.
/// </summary>
public readonly record struct TorchReleaseNumber(int Major, int Minor, int Patch) : IComparable<TorchReleaseNumber>
{
    /// <summary>Reads the leading <c>X.Y[.Z]</c> of a version; local labels and pre/post/dev suffixes are ignored.</summary>
    public static bool TryParse(string? text, out TorchReleaseNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        var plus = t.IndexOf('+');
        if (plus >= 0) t = t[..plus];
        if (t.StartsWith('v') || t.StartsWith('V')) t = t[1..];
        var parts = new List<int>();
        foreach (var piece in t.Split('.'))
        {
            var digits = new string(piece.TakeWhile(char.IsAsciiDigit).ToArray());
            if (digits.Length == 0 || digits.Length > 6) break;
            parts.Add(int.Parse(digits, CultureInfo.InvariantCulture));
            if (digits.Length != piece.Length || parts.Count == 3) break; // "0rc1": the suffix ends the release part
        }
        if (parts.Count < 2) return false;
        number = new TorchReleaseNumber(parts[0], parts[1], parts.Count > 2 ? parts[2] : 0);
        return true;
    }

    public static TorchReleaseNumber Parse(string text) =>
        TryParse(text, out var n) ? n : throw new FormatException($"'{text}' is not a release number like 2.4.0.");

    public int CompareTo(TorchReleaseNumber other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
