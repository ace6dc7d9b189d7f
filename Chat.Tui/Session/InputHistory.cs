namespace Chat.Tui.Session;

/// <summary>
/// What was entered before, recalled with Up/Down like a shell. Walking away from a half-typed
/// line keeps it as a draft that Down returns to.
/// </summary>
public sealed class InputHistory(int capacity = 200)
{
    private readonly List<string> _entries = [];
    private int _position;
    private string _draft = "";

    public IReadOnlyList<string> Entries => _entries;

    public void Add(string line)
    {
        if (line.Length > 0 && (_entries.Count == 0 || _entries[^1] != line))
        {
            _entries.Add(line);
            if (_entries.Count > capacity)
                _entries.RemoveAt(0);
        }
        _position = _entries.Count;
        _draft = "";
    }

    /// <summary>The entry before the one shown; null when there is none.</summary>
    public string? Previous(string current)
    {
        if (_position == 0)
            return null;
        if (_position == _entries.Count)
            _draft = current;
        _position--;
        return _entries[_position];
    }

    /// <summary>The entry after the one shown, then the draft; null when already at the draft.</summary>
    public string? Next()
    {
        if (_position >= _entries.Count)
            return null;
        _position++;
        return _position == _entries.Count ? _draft : _entries[_position];
    }
}
