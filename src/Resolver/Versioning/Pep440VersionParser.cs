using System.Globalization;
using System.Numerics;

namespace LlmPython.Resolver.Versioning;

/// <summary>
/// Hand-written PEP 440 parser accepting every spelling packaging accepts: optional 'v', '-', '_' or '.'
/// separators, alpha/a/beta/b/c/rc/pre/preview, post/rev/r, implicit post ("1.0-1"), surrounding
/// whitespace, any ASCII letter case. Digits and letters are ASCII only.
/// </summary>
internal static class Pep440VersionParser
{
    public static Pep440Version? TryParse(string text)
    {
        var s = TrimPythonWhitespace(text);
        var p = 0;
        if (p < s.Length && (s[p] | 0x20) == 'v') p++;

        if (!TryDigits(s, ref p, out var first)) return null;
        var epoch = 0;
        if (p < s.Length && s[p] == '!')
        {
            if (first > int.MaxValue) return null;
            epoch = (int)first;
            p++;
            if (!TryDigits(s, ref p, out first)) return null;
        }
        var release = new List<BigInteger> { first };
        while (p + 1 < s.Length && s[p] == '.' && IsDigit(s[p + 1]))
        {
            p++;
            TryDigits(s, ref p, out var n);
            release.Add(n);
        }

        // Pre-release: [sep] letter [sep] [number]
        var preKind = Pep440Version.PreNone;
        BigInteger preNumber = 0;
        {
            var q = p;
            SkipSeparator(s, ref q);
            var kind = MatchWord(s, ref q, PreWords);
            if (kind >= 0)
            {
                preKind = PreKindOf(PreWords[kind])!.Value;
                SkipSeparator(s, ref q);
                TryDigits(s, ref q, out preNumber);
                p = q;
            }
        }

        // Post-release: "-N" or [sep] post|rev|r [sep] [number]
        BigInteger? post = null;
        if (p + 1 < s.Length && s[p] == '-' && IsDigit(s[p + 1]))
        {
            p++;
            TryDigits(s, ref p, out var n);
            post = n;
        }
        else
        {
            var q = p;
            SkipSeparator(s, ref q);
            if (MatchWord(s, ref q, PostWords) >= 0)
            {
                SkipSeparator(s, ref q);
                TryDigits(s, ref q, out var n);
                post = n;
                p = q;
            }
        }

        // Dev release: [sep] dev [sep] [number]
        BigInteger? dev = null;
        {
            var q = p;
            SkipSeparator(s, ref q);
            if (MatchWord(s, ref q, DevWords) >= 0)
            {
                SkipSeparator(s, ref q);
                TryDigits(s, ref q, out var n);
                dev = n;
                p = q;
            }
        }

        LocalSegment[]? local = null;
        if (p < s.Length && s[p] == '+')
        {
            local = ParseLocal(s, p + 1, s.Length);
            if (local is null) return null;
            p = s.Length;
        }
        if (p != s.Length) return null;
        return Pep440Version.Create(epoch, release.ToArray(), preKind, preNumber, post, dev, local);
    }

    /// <summary>Parses <c>[a-z0-9]+([-_.][a-z0-9]+)*</c> (ASCII, any case) into normalized segments.</summary>
    public static LocalSegment[]? ParseLocal(string s, int start, int end)
    {
        var segments = new List<LocalSegment>();
        var i = start;
        while (true)
        {
            var segStart = i;
            var numeric = true;
            while (i < end && IsAsciiAlnum(s[i])) { if (!IsDigit(s[i])) numeric = false; i++; }
            if (i == segStart) return null;
            var part = s[segStart..i];
            segments.Add(numeric
                ? new LocalSegment(BigInteger.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture))
                : new LocalSegment(AsciiLower(part)));
            if (i == end) return segments.ToArray();
            if (s[i] is not ('-' or '_' or '.')) return null;
            i++;
        }
    }

    public static int? PreKindOf(string lowerLetter) => lowerLetter switch
    {
        "a" or "alpha" => Pep440Version.PreAlpha,
        "b" or "beta" => Pep440Version.PreBeta,
        "c" or "rc" or "pre" or "preview" => Pep440Version.PreRc,
        _ => null,
    };

    // Longest spellings first so "preview" is not read as "pre" + "view".
    private static readonly string[] PreWords = ["preview", "alpha", "beta", "pre", "rc", "a", "b", "c"];
    private static readonly string[] PostWords = ["post", "rev", "r"];
    private static readonly string[] DevWords = ["dev"];

    private static int MatchWord(string s, ref int p, string[] words)
    {
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            if (p + word.Length > s.Length) continue;
            var ok = true;
            for (var k = 0; k < word.Length && ok; k++)
            {
                var c = s[p + k];
                ok = c < 128 && (c | 0x20) == word[k] && char.IsAsciiLetter(c);
            }
            if (ok) { p += word.Length; return w; }
        }
        return -1;
    }

    private static void SkipSeparator(string s, ref int p)
    {
        if (p < s.Length && s[p] is '-' or '_' or '.') p++;
    }

    private static bool TryDigits(string s, ref int p, out BigInteger value)
    {
        var start = p;
        while (p < s.Length && IsDigit(s[p])) p++;
        if (p == start) { value = default; return false; }
        var span = s.AsSpan(start, p - start);
        value = span.Length <= 18
            ? long.Parse(span, NumberStyles.None, CultureInfo.InvariantCulture)
            : BigInteger.Parse(span, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
    private static bool IsAsciiAlnum(char c) => char.IsAsciiLetterOrDigit(c);

    private static string AsciiLower(string s)
    {
        foreach (var c in s)
            if (c is >= 'A' and <= 'Z') return string.Create(s.Length, s, (dst, src) => { for (var i = 0; i < src.Length; i++) dst[i] = src[i] is >= 'A' and <= 'Z' ? (char)(src[i] | 0x20) : src[i]; });
        return s;
    }

    /// <summary>Strips what Python's <c>str.strip()</c> strips (Unicode whitespace, including U+001C–U+001F).</summary>
    internal static string TrimPythonWhitespace(string s)
    {
        int a = 0, b = s.Length;
        while (a < b && IsPythonWhitespace(s[a])) a++;
        while (b > a && IsPythonWhitespace(s[b - 1])) b--;
        return a == 0 && b == s.Length ? s : s[a..b];
    }

    internal static bool IsPythonWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';
}
