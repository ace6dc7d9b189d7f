using Chat.Tui.Session;

namespace Chat.Tui.Log;

/// <summary>One row on screen: a slice of an entry's text, with the entry's prefix on its first row.</summary>
public readonly record struct LogRow(int Entry, Segment Text, bool IsFirst);

/// <summary>A line with its prefix ("12:01 &lt;alice&gt; ", "12:01 &lt;Wonderland (alice)&gt; ") worked out once, its text made safe to show (<see cref="SafeText"/>).</summary>
public sealed record LogEntry(ChatLine Line, string Time, string Marker, int PrefixColumns, string Text);

/// <summary>
/// The chat panel's lines laid out for one width. Appending wraps only the new entry; a new
/// width re-wraps everything once. Nothing is re-measured per frame or per append, which is what
/// keeps a long log cheap (the stock list source re-measured every item on every append).
/// </summary>
public sealed class MessageLog
{
    /// <summary>A hanging indent never takes more than this share of the row, so narrow panes still show text.</summary>
    private const int MaxIndentPercent = 40;

    private readonly List<LogEntry> _entries = [];
    private readonly List<LogRow> _rows = [];
    private readonly List<Segment> _scratch = [];

    public int Width { get; private set; } = 80;

    public IReadOnlyList<LogEntry> Entries => _entries;

    public IReadOnlyList<LogRow> Rows => _rows;

    public void Append(ChatLine line)
    {
        _entries.Add(Prepare(line));
        WrapEntry(_entries.Count - 1);
    }

    /// <summary>The first row of the first entry whose line is a search hit; null when none is.</summary>
    public int? RowOfHit()
    {
        for (var i = 0; i < _rows.Count; i++)
            if (_rows[i].IsFirst && _entries[_rows[i].Entry].Line.IsHit)
                return i;
        return null;
    }

    public void Clear()
    {
        _entries.Clear();
        _rows.Clear();
    }

    /// <summary>Re-wraps every entry for a new width; returns false (and does nothing) when the width is the same.</summary>
    public bool SetWidth(int width)
    {
        width = Math.Max(width, 4);
        if (width == Width)
            return false;
        Width = width;
        _rows.Clear();
        for (var i = 0; i < _entries.Count; i++)
            WrapEntry(i);
        return true;
    }

    /// <summary>Columns that continuation rows of an entry are indented by.</summary>
    public int IndentOf(LogEntry entry) => Math.Min(entry.PrefixColumns, Width * MaxIndentPercent / 100);

    private void WrapEntry(int index)
    {
        var entry = _entries[index];
        var indent = IndentOf(entry);
        _scratch.Clear();
        WordWrapper.Wrap(entry.Text, Width - entry.PrefixColumns, Width - indent, _scratch);
        for (var i = 0; i < _scratch.Count; i++)
            _rows.Add(new LogRow(index, _scratch[i], i == 0));
    }

    private static LogEntry Prepare(ChatLine line)
    {
        var time = line.Time.ToString("HH:mm ", System.Globalization.CultureInfo.InvariantCulture);
        var marker = line.Kind switch
        {
            LineKind.Message => $"<{SafeText.Author(line.User, line.Nick)}> ",
            LineKind.Action => $"* {SafeText.Author(line.User, line.Nick)} ",
            LineKind.Notice => "-- ",
            _ => "-!- ",
        };
        // The search hit a jump went to is marked in text too, for terminals without colour (NO_COLOR).
        if (line.IsHit)
            marker = "» " + marker;
        var text = SafeText.Visible(line.Text);
        return new LogEntry(line, time, marker, time.Length + DisplayWidth.Of(marker), text);
    }
}
