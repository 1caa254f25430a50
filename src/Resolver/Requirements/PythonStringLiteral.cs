using System.Globalization;
using System.Text;

namespace LlmPython.Resolver.Requirements;

/// <summary>
/// Decodes a quoted marker value the way Python's <c>ast.literal_eval</c> reads a plain string
/// literal (packaging evaluates marker strings that way): backslash escapes are interpreted,
/// unknown escapes keep their backslash, and a raw line break or NUL is an error.
/// </summary>
internal static class PythonStringLiteral
{
    /// <summary>Returns null when the literal is not a valid Python string.</summary>
    public static string? TryDecode(string quoted)
    {
        if (quoted.Length < 2)
            return null;
        var body = quoted.AsSpan(1, quoted.Length - 2);
        var sb = new StringBuilder(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c is '\n' or '\r' or '\0')
                return null;
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (i + 1 >= body.Length)
                return null; // the backslash escapes the closing quote: unterminated
            char e = body[++i];
            switch (e)
            {
                case '\n': break; // line continuation
                case '\r':
                    if (i + 1 < body.Length && body[i + 1] == '\n') i++;
                    break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case >= '0' and <= '7':
                {
                    int value = e - '0';
                    for (int n = 0; n < 2 && i + 1 < body.Length && body[i + 1] is >= '0' and <= '7'; n++)
                        value = value * 8 + (body[++i] - '0');
                    sb.Append((char)value);
                    break;
                }
                case 'x':
                case 'u':
                case 'U':
                {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits >= body.Length)
                        return null;
                    var hex = body.Slice(i + 1, digits);
                    foreach (char h in hex)
                        if (!char.IsAsciiHexDigit(h))
                            return null;
                    long code = long.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (code > 0x10FFFF)
                        return null;
                    // Lone surrogates are legal in Python strings and in .NET strings.
                    if (code >= 0x10000)
                        sb.Append(char.ConvertFromUtf32((int)code));
                    else
                        sb.Append((char)code);
                    i += digits;
                    break;
                }
                case 'N':
                    // \N{NAME} needs the Unicode name database, which .NET does not ship.
                    return null;
                default:
                    sb.Append('\\').Append(e);
                    break;
            }
        }
        return sb.ToString();
    }
}
