using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace Chat.Protocol;

/// <summary>
/// Escapes only what JSON requires: the quote, the backslash and control characters. Everything
/// else goes out as UTF-8, emoji included; the stock encoders (even UnsafeRelaxedJsonEscaping)
/// write every character outside the Basic Multilingual Plane as <c>\uXXXX\uXXXX</c>, twelve bytes
/// for four, which made a page of emoji three times larger than what its senders sent. A lone
/// surrogate, which UTF-8 cannot carry, becomes U+FFFD.
/// </summary>
public sealed class MinimalJsonEscaping : JavaScriptEncoder
{
    public static readonly MinimalJsonEscaping Instance = new();

    // What may need work: controls, the two JSON metacharacters, and any surrogate (a pair is
    // copied as is; a lone one is replaced).
    private static readonly SearchValues<char> Suspects = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), '"', '\\', .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]);

    private MinimalJsonEscaping()
    {
    }

    /// <summary>"\u0001": six characters for one.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        FindFirst(new ReadOnlySpan<char>(text, textLength));

    private static int FindFirst(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var found = text[offset..].IndexOfAny(Suspects);
            if (found < 0)
                return -1;
            var i = offset + found;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                offset = i + 2;
                continue;
            }
            return i;
        }
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        TryEncode(unicodeScalar, new Span<char>(buffer, bufferLength), out numberOfCharactersWritten);

    private bool TryEncode(int scalar, Span<char> output, out int written)
    {
        // Asked for a scalar that needs no escape (the replacement for a lone surrogate): copy it.
        if (!WillEncode(scalar))
            return new Rune(scalar).TryEncodeToUtf16(output, out written);
        var shortForm = scalar switch
        {
            '"' => '"',
            '\\' => '\\',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            '\b' => 'b',
            '\f' => 'f',
            _ => '\0',
        };
        written = shortForm == '\0' ? 6 : 2;
        if (output.Length < written)
        {
            written = 0;
            return false;
        }
        output[0] = '\\';
        if (shortForm != '\0')
            output[1] = shortForm;
        else
            $"u{scalar:X4}".AsSpan().CopyTo(output[1..]);
        return true;
    }
}
