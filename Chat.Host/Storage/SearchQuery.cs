using System.Text.RegularExpressions;

namespace Chat.Host.Storage;

/// <summary>
/// What a user types into !search, as a full-text query: every word must appear, each word quoted
/// so nothing in it is read as query syntax (a stray quote, AND, a star). Words are what the
/// tokenizers see: runs of letters, digits and marks.
/// </summary>
internal static class SearchQuery
{
    private static readonly Regex WordPattern = new(@"[\p{L}\p{N}\p{M}]+", RegexOptions.CultureInvariant);

    public static IReadOnlyList<string> Words(string text) => [.. WordPattern.Matches(text).Select(m => m.Value)];

    /// <summary>For SQLite's FTS5: the words quoted, side by side (an implicit AND).</summary>
    public static string AllWords(string text) => string.Join(' ', Words(text).Select(word => $"\"{word}\""));
}
