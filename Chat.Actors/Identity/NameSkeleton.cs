using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Chat.Actors.Identity;

/// <summary>
/// What a name looks like, reduced to a key: two names with a key in common read as the same
/// name. The key is Unicode TS #39's confusable skeleton (NFD, each code point replaced by its
/// prototype from confusables.txt, NFD again) taken after NFKC and case folding, so "Alice",
/// Cyrillic "аlice" and fullwidth "ａｌｉｃｅ" all come to "alice". The mapping is Unicode's
/// table as shipped by the npm package unhomoglyph 1.0.6 (confusables.txt 13.0.0), embedded
/// with its licence (Data/LICENSE.confusables.txt).
/// </summary>
public static class NameSkeleton
{
    private static readonly IReadOnlyDictionary<string, string> Prototypes = LoadPrototypes();

    static NameSkeleton()
    {
        // Without ICU (globalization invariant mode) .NET leaves non-ASCII text unnormalised and
        // fullwidth "ｆ" would pass as a new letter: refuse to run rather than guard nothing.
        if ("\uFF46".Normalize(NormalizationForm.FormKC) != "f")
            throw new InvalidOperationException("Unicode normalisation is unavailable (InvariantGlobalization is on); comparing names needs ICU.");
    }

    /// <summary>
    /// The keys a name claims, one or two. Case and confusability do not compose: "Ian" and
    /// "ian" differ only in case, while the skeleton of "Ian" is "lan" (capital I looks like l),
    /// so a name claims both its case-folded skeleton and the folded form of its skeleton.
    /// </summary>
    public static IReadOnlyList<string> Keys(string name)
    {
        // Rules refuse broken strings; one stored before them still gets a key (U+FFFD for the break).
        if (NicknameRules.HasUnpairedSurrogate(name))
            name = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(name));
        var compatible = name.Normalize(NormalizationForm.FormKC);
        // Folding twice settles prototypes that are capitals ("0" maps to "O", so "b0b" is "bob").
        var foldedFirst = Fold(Fold(compatible.ToLowerInvariant()));
        var skeletonFirst = Fold(Fold(compatible));
        return foldedFirst == skeletonFirst ? [foldedFirst] : [foldedFirst, skeletonFirst];
    }

    /// <summary>UTS #39 skeleton(X) = NFD(map(NFD(X))), one code point at a time.</summary>
    public static string Skeleton(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var mapped = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            var point = rune.ToString();
            mapped.Append(Prototypes.TryGetValue(point, out var prototype) ? prototype : point);
        }
        return mapped.ToString().Normalize(NormalizationForm.FormD);
    }

    private static string Fold(string text) => Skeleton(text).ToLowerInvariant().Normalize(NormalizationForm.FormD);

    private static Dictionary<string, string> LoadPrototypes()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Chat.Actors.Identity.confusables.json")
            ?? throw new InvalidOperationException("The confusables table is missing from Chat.Actors.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException("The confusables table is empty.");
    }
}
