namespace Chat.Tui.Commands;

/// <summary>
/// Completes the word before the end of the input: command words at the start of a line, names
/// anywhere; a name at the start of a line is addressed as irssi does ("Alice: "). Pressing Tab
/// again cycles through the other candidates.
/// </summary>
public sealed class TabCompleter
{
    private string? _lastResult;
    private string _head = "";
    private string _tail = " ";
    private IReadOnlyList<string> _candidates = [];
    private int _index;

    /// <summary>Every completion for a word, best first: commands for a "!"/"/" first word, otherwise names.</summary>
    public static IReadOnlyList<string> Candidates(string word, bool isFirstWord, IEnumerable<string> names)
    {
        if (isFirstWord && IsCommandWord(word))
        {
            var typed = word[1..];
            return CommandTable.All
                .SelectMany(spec => spec.Words)
                .Where(w => w.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(w => word[0] + w)
                .ToList();
        }
        if (word.Length == 0)
            return [];
        return names
            .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The input with its last word completed; the input unchanged when nothing matches.</summary>
    public string Complete(string input, IEnumerable<string> names)
    {
        if (_lastResult is not null && input == _lastResult && _candidates.Count > 1)
        {
            _index = (_index + 1) % _candidates.Count;
            return _lastResult = _head + _candidates[_index] + _tail;
        }

        var start = input.LastIndexOf(' ') + 1;
        var word = input[start..];
        var candidates = Candidates(word, isFirstWord: start == 0, names);
        if (candidates.Count == 0)
        {
            Reset();
            return input;
        }
        _head = input[..start];
        _tail = start == 0 && !IsCommandWord(word) ? ": " : " ";
        _candidates = candidates;
        _index = 0;
        return _lastResult = _head + candidates[0] + _tail;
    }

    /// <summary>"!ni", "/m": a command word being typed.</summary>
    public static bool IsCommandWord(string word) => word.Length > 0 && CommandTable.Prefixes.Contains(word[0]);

    /// <summary>Forget the cycle: the user typed something else.</summary>
    public void Reset()
    {
        _lastResult = null;
        _candidates = [];
    }
}
