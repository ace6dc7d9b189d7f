using System.Collections;
using System.Collections.Specialized;
using Chat.Tui.Log;
using Chat.Tui.Session;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Chat.Tui.Views;

/// <summary>
/// The chat panel's list source: one item per wrapped row of the <see cref="MessageLog"/>, so the
/// list scrolls by rows and renders only what is visible.
/// </summary>
public sealed class MessageLogSource(ChatPalette palette) : IListDataSource
{
    private static readonly NotifyCollectionChangedEventArgs Reset = new(NotifyCollectionChangedAction.Reset);

    private readonly MessageLog _log = new();

    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    public MessageLog Log => _log;

    public int Count => _log.Rows.Count;

    public int MaxItemLength => _log.Width;

    public bool SuspendCollectionChangedEvent { get; set; }

    public void Append(ChatLine line)
    {
        _log.Append(line);
        RaiseChanged();
    }

    public void Replace(IEnumerable<ChatLine> lines)
    {
        _log.Clear();
        foreach (var line in lines)
            _log.Append(line);
        RaiseChanged();
    }

    /// <summary>Re-wraps for a new width; a no-op when the width did not change.</summary>
    public bool SetWidth(int width)
    {
        if (!_log.SetWidth(width))
            return false;
        RaiseChanged();
        return true;
    }

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX = 0)
    {
        var normal = listView.GetAttributeForRole(VisualRole.Normal);
        listView.Move(col, row);
        var used = 0;
        if (item >= 0 && item < _log.Rows.Count)
        {
            var logRow = _log.Rows[item];
            var entry = _log.Entries[logRow.Entry];
            var textAttribute = TextAttribute(entry.Line, normal);
            if (logRow.IsFirst)
            {
                used += Draw(listView, entry.Time, palette.Muted(normal), width - used);
                var markerAttribute = entry.Line.Kind is LineKind.Message or LineKind.Action ? palette.Nick(entry.Line.User, normal) : textAttribute;
                used += Draw(listView, entry.Marker, markerAttribute, width - used);
            }
            else
            {
                used += Draw(listView, new string(' ', _log.IndentOf(entry)), normal, width - used);
            }
            used += Draw(listView, entry.Text.Substring(logRow.Text.Start, logRow.Text.Length), textAttribute, width - used);
        }
        if (used < width)
            Draw(listView, new string(' ', width - used), normal, width - used);
    }

    private Attribute TextAttribute(ChatLine line, Attribute normal) => line.Kind switch
    {
        LineKind.Notice => palette.Muted(normal),
        LineKind.Local => palette.Local(normal),
        _ when line.MentionsMe || line.IsHit => palette.Mention(normal),
        _ => normal,
    };

    /// <summary>Draws as much of the text as fits in the columns left; returns the columns used.</summary>
    private static int Draw(ListView listView, string text, Attribute attribute, int columns)
    {
        if (columns <= 0 || text.Length == 0)
            return 0;
        var length = DisplayWidth.Fit(text, columns, out var used);
        listView.SetAttribute(attribute);
        listView.AddStr(length == text.Length ? text : text[..length]);
        return used;
    }

    public bool IsMarked(int item) => false;

    public void SetMark(int item, bool value)
    {
    }

    /// <summary>The rows themselves: the list uses this for type-to-search, which the chat panel turns off.</summary>
    public IList ToList() => (IList)_log.Rows;

    private void RaiseChanged()
    {
        if (!SuspendCollectionChangedEvent)
            CollectionChanged?.Invoke(this, Reset);
    }

    public void Dispose()
    {
    }
}
