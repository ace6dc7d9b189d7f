using System.Globalization;
using System.Text;

namespace Chat.Actors.Identity;

/// <summary>
/// What a nickname may hold: letters, digits, symbols and emoji as a person sees them, and
/// nothing that is invisible, reorders text, or stacks out of its line. Whether it looks like
/// someone else's name is the store's question (<see cref="NameSkeleton"/>), asked when it is set.
/// </summary>
public static class NicknameRules
{
    public const int MaxGraphemes = 32;
    // Graphemes alone would let one "character" carry thousands of code units.
    public const int MaxUtf16Units = 64;
    // Vietnamese needs two marks on a letter, some Indic and Hebrew text three or four.
    public const int MaxCombiningMarksPerCharacter = 4;

    // Invisible letters and fillers that are not category Cf (Cf is refused as a whole):
    // the Hangul fillers, the Braille blank, Khmer's inherent vowels, the combining grapheme
    // joiner, Mongolian variation selectors and the variation selectors (but U+FE0F, which asks
    // for an emoji's colour form). Default_Ignorable_Code_Point of Unicode's DerivedCoreProperties
    // plus U+2800.
    private static readonly (int First, int Last)[] Invisible =
    [
        (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x2800, 0x2800),
        (0x3164, 0x3164), (0xFE00, 0xFE0E), (0xFFA0, 0xFFA0), (0xE0100, 0xE01EF),
    ];

    /// <summary>The nickname as it will be kept (trimmed, NFC), or why it cannot be one.</summary>
    public static bool TryNormalize(string? input, out string nickname, out string? problem)
    {
        nickname = (input ?? "").Trim();
        // Normalising a broken string throws; refuse it before.
        problem = HasUnpairedSurrogate(nickname) ? "a nickname cannot contain a broken character (an unpaired surrogate)" : null;
        if (problem is null)
        {
            nickname = nickname.Normalize(NormalizationForm.FormC);
            problem = Check(nickname);
        }
        return problem is null;
    }

    private static string? Check(string nickname)
    {
        var graphemes = new StringInfo(nickname).LengthInTextElements;
        if (graphemes == 0)
            return "a nickname cannot be empty";
        if (graphemes > MaxGraphemes || nickname.Length > MaxUtf16Units)
            return $"a nickname may have at most {MaxGraphemes} characters ({MaxUtf16Units} UTF-16 code units)";

        var marksInARow = 0;
        // Marks are counted decomposed: "á" composed is one code point but still a letter and a mark.
        var decomposed = nickname.Normalize(NormalizationForm.FormD);
        for (var i = 0; i < decomposed.Length;)
        {
            Rune.DecodeFromUtf16(decomposed.AsSpan(i), out var rune, out var used);
            i += used;
            if (RefusalOf(rune) is { } refusal)
                return refusal;
            marksInARow = IsCombiningMark(rune) ? marksInARow + 1 : 0;
            if (marksInARow > MaxCombiningMarksPerCharacter)
                return $"a nickname may have at most {MaxCombiningMarksPerCharacter} combining marks on one character";
        }
        return null;
    }

    public static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return true;
        }
        return false;
    }

    private static string? RefusalOf(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            return "a nickname cannot contain spaces or control characters";
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Format:
                return $"a nickname cannot contain invisible formatting characters (U+{rune.Value:X4})";
            case UnicodeCategory.OtherNotAssigned:
                return $"a nickname cannot contain unassigned code points (U+{rune.Value:X4})";
            case UnicodeCategory.PrivateUse:
                return $"a nickname cannot contain private-use characters (U+{rune.Value:X4})";
            case UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator:
                return "a nickname cannot contain spaces or control characters";
        }
        foreach (var (first, last) in Invisible)
            if (rune.Value >= first && rune.Value <= last)
                return $"a nickname cannot contain invisible characters (U+{rune.Value:X4})";
        return null;
    }

    private static bool IsCombiningMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
