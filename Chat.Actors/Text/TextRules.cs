using System.Text;

namespace Chat.Actors.Text;

/// <summary>
/// The one rule for text people write to each other (room messages, DMs, away reasons): it may
/// hold every script and emoji sequence (ZWJ, ZWNJ, right-to-left letters and marks), but it
/// cannot reach outside itself. A bidi embedding, override or isolate left open at the end of
/// a line is closed there, a closer with nothing to close is dropped, so no text reorders what
/// a reader's screen shows after it; line and paragraph separators (which some renderers turn
/// into line breaks no one typed) and interlinear annotations (which hide text) are refused.
/// </summary>
public static class TextRules
{
    // Unicode's bidi algorithm stops at 125 levels; past a handful nesting only hides tricks.
    public const int MaxBidiDepth = 16;

    private const char LeftToRightEmbedding = '\u202A', RightToLeftEmbedding = '\u202B';
    private const char PopDirectionalFormatting = '\u202C';
    private const char LeftToRightOverride = '\u202D', RightToLeftOverride = '\u202E';
    private const char FirstIsolate = '\u2066', LastIsolate = '\u2068'; // LRI, RLI, FSI
    private const char PopDirectionalIsolate = '\u2069';

    /// <summary>The text as it will be kept and relayed, or why it is refused.</summary>
    public static bool TryClean(string text, out string cleaned, out string? problem)
    {
        cleaned = text;
        problem = Refusal(text);
        if (problem is not null)
            return false;
        if (!text.AsSpan().ContainsAnyInRange(LeftToRightEmbedding, RightToLeftOverride) && !text.AsSpan().ContainsAnyInRange(FirstIsolate, PopDirectionalIsolate))
            return true;
        cleaned = CloseBidi(text, out problem);
        return problem is null;
    }

    private static string? Refusal(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\u2028' or '\u2029')
                return "text cannot contain line or paragraph separators (U+2028, U+2029); use a line break";
            if (c is >= '\uFFF9' and <= '\uFFFB')
                return "text cannot contain interlinear annotation characters (U+FFF9 to U+FFFB)";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return "text cannot contain a broken character (an unpaired surrogate)";
        }
        return null;
    }

    private static string CloseBidi(string text, out string? problem)
    {
        problem = null;
        var result = new StringBuilder(text.Length + 8);
        // What is open on this line, innermost last: true for an isolate, false for an embedding or override.
        var open = new List<bool>();
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n':
                    Close(open, result, open.Count);
                    result.Append(c);
                    break;
                case LeftToRightEmbedding or RightToLeftEmbedding or LeftToRightOverride or RightToLeftOverride:
                case >= FirstIsolate and <= LastIsolate:
                    if (open.Count == MaxBidiDepth)
                    {
                        problem = $"text cannot nest more than {MaxBidiDepth} direction controls";
                        return text;
                    }
                    open.Add(c is >= FirstIsolate and <= LastIsolate);
                    result.Append(c);
                    break;
                case PopDirectionalFormatting:
                    // A PDF closes an embedding only inside its own isolate; any other is a stray.
                    if (open.Count > 0 && !open[^1])
                    {
                        open.RemoveAt(open.Count - 1);
                        result.Append(c);
                    }
                    break;
                case PopDirectionalIsolate:
                    var isolate = open.LastIndexOf(true);
                    if (isolate >= 0)
                        Close(open, result, open.Count - isolate);
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
        Close(open, result, open.Count);
        return result.ToString();
    }

    private static void Close(List<bool> open, StringBuilder result, int count)
    {
        for (var i = 0; i < count; i++)
        {
            result.Append(open[^1] ? PopDirectionalIsolate : PopDirectionalFormatting);
            open.RemoveAt(open.Count - 1);
        }
    }
}
