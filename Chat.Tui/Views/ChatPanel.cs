using Chat.Tui.Session;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>
/// The current conversation's lines. Follows new lines only while the user is at the bottom;
/// once they scroll up it stays put until they come back down (End).
/// </summary>
public sealed class ChatPanel : FrameView
{
    private readonly ListView _list;
    private readonly MessageLogSource _source;
    private Conversation? _shown;
    private bool _following = true;
    private System.Drawing.Size _lastSize;

    public ChatPanel(ChatPalette palette)
    {
        CanFocus = false;
        _source = new MessageLogSource(palette);
        _list = new ListView
        {
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            // The input bar keeps the focus; the chat is scrolled from there with PgUp/PgDn.
            CanFocus = false,
            KeystrokeNavigator = null,
            Source = _source,
        };
        _list.ViewportChanged += (_, _) => OnViewportChanged();
        Add(_list);
    }

    public Conversation? Shown => _shown;

    /// <summary>The user scrolled up past the oldest line loaded: older history is wanted.</summary>
    public event Action<Conversation>? TopReached;

    /// <summary>The user scrolled down past the newest line loaded of a conversation showing the middle of history: newer lines are wanted.</summary>
    public event Action<Conversation>? BottomReached;

    public void Show(Conversation conversation)
    {
        _shown = conversation;
        _source.Replace(conversation.Lines);
        _following = true;
        UpdateTitle();
        ScrollToEnd();
    }

    public void Append(Conversation conversation, ChatLine line)
    {
        if (conversation != _shown)
            return;
        _source.Append(line);
        // A page after the middle of history goes in below what is being read, not scrolled past.
        if (_following && conversation.AtLiveEnd)
            ScrollToEnd();
        else
            UpdateTitle();
    }

    /// <summary>
    /// Lines went in above the end (a history page): re-reads them and keeps the lines the user
    /// was reading in place, or the bottom in view when following.
    /// </summary>
    public void Reload(Conversation conversation)
    {
        if (conversation != _shown)
            return;
        var fromBottom = _source.Count - _list.Viewport.Y;
        _source.Replace(conversation.Lines);
        if (conversation.RevealHit && _source.Log.RowOfHit() is { } hit)
        {
            // A jump: the hit a third of the way down, with what came before it above.
            conversation.RevealHit = false;
            ScrollBy(hit - _list.Viewport.Height / 3 - _list.Viewport.Y);
            return;
        }
        if (_following)
        {
            ScrollToEnd();
            return;
        }
        var top = Math.Max(0, _source.Count - fromBottom);
        _list.Viewport = _list.Viewport with { Y = top };
        UpdateTitle();
        SetNeedsDraw();
    }

    public void ScrollPage(int direction) => ScrollBy(direction * Math.Max(1, _list.Viewport.Height - 1));

    public void ScrollToStart() => ScrollBy(-_source.Count);

    public void ScrollToEnd()
    {
        _following = true;
        ScrollBy(_source.Count);
    }

    public void ScrollBy(int rows)
    {
        var bottom = Math.Max(0, _source.Count - _list.Viewport.Height);
        var top = Math.Clamp(_list.Viewport.Y + rows, 0, bottom);
        if (top != _list.Viewport.Y)
            _list.Viewport = _list.Viewport with { Y = top };
        _following = top >= bottom;
        UpdateTitle();
        SetNeedsDraw();
        if (rows < 0 && top == 0 && _shown is not null)
            TopReached?.Invoke(_shown);
        if (rows > 0 && top >= bottom && _shown is { AtLiveEnd: false })
            BottomReached?.Invoke(_shown);
    }

    public void UpdateTitle()
    {
        var name = _shown is null ? "" : _shown.IsDirect ? $"DM with {_shown.Title}" : "#" + _shown.Title;
        Title = _shown is { AtLiveEnd: false } ? $"{name} - in history{NewSince(_shown)}, PgDn for newer, Ctrl+End for live"
            : _following ? name
            : $"{name} - scrolled back, End to follow";
    }

    private static string NewSince(Conversation conversation) => conversation.HeldBack switch
    {
        0 => "",
        1 => " (1 new)",
        var count => $" ({count} new)",
    };

    /// <summary>
    /// A resize re-wraps once for the new width and keeps the bottom in view if it was; a scroll
    /// the list did itself (mouse wheel) decides whether the panel still follows new lines.
    /// </summary>
    private void OnViewportChanged()
    {
        var viewport = _list.Viewport;
        if (viewport.Width <= 0)
            return;
        if (viewport.Size != _lastSize)
        {
            _lastSize = viewport.Size;
            _source.SetWidth(viewport.Width);
            if (_following)
                ScrollToEnd();
            return;
        }
        if (viewport.Y == 0 && _source.Count > viewport.Height && _shown is not null)
            TopReached?.Invoke(_shown);
        var following = viewport.Y >= Math.Max(0, _source.Count - viewport.Height);
        if (following != _following)
        {
            _following = following;
            UpdateTitle();
        }
    }
}
