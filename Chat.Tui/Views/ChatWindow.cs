using Chat.Tui.Session;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace Chat.Tui.Views;

/// <summary>
/// The chat screen: chat panel on the left, people and direct panels on the right, the input
/// bar and the status line below. It only wires the session's events to the panels. Below
/// <see cref="NarrowWidth"/> columns the side panels hide, so the chat keeps the width; F2
/// shows or hides them at any width.
/// </summary>
public sealed class ChatWindow : View
{
    private const int SideWidth = 28;

    /// <summary>Narrower than this, the side panels would leave the chat too little room.</summary>
    public const int NarrowWidth = 64;

    private readonly ChatSession _session;
    private readonly ChatPanel _chat;
    private readonly PeoplePanel _people;
    private readonly DirectPanel _direct;
    private readonly InputBar _input;
    private readonly ChatStatusLine _status;
    // Null: as the width decides; otherwise what F2 last asked for.
    private bool? _sideChosen;
    private bool _sideShown = true;

    public ChatWindow(ChatSession session, ChatPalette palette)
    {
        _session = session;
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;

        _chat = new ChatPanel(palette) { X = 0, Y = 0, Width = Dim.Fill(SideWidth), Height = Dim.Fill(4) };
        _people = new PeoplePanel { X = Pos.AnchorEnd(SideWidth), Y = 0, Width = SideWidth, Height = Dim.Percent(50) - 2 };
        _direct = new DirectPanel { X = Pos.AnchorEnd(SideWidth), Y = Pos.Bottom(_people), Width = SideWidth, Height = Dim.Fill(4) };
        _input = new InputBar(session) { X = 0, Y = Pos.AnchorEnd(4), Width = Dim.Fill() };
        _status = new ChatStatusLine { X = 0, Y = Pos.AnchorEnd(1) };
        Add(_chat, _people, _direct, _input, _status);
        FrameChanged += (_, _) => ArrangeSide();

        _direct.Picked += session.Select;
        _direct.Done += _input.FocusField;
        _input.LeaveRequested += _direct.FocusList;
        _input.ScrollRequested += Scroll;
        _chat.TopReached += session.LoadOlder;
        _chat.BottomReached += session.LoadNewer;
        session.Changed += Render;
        session.LineAdded += _chat.Append;
        session.LinesInserted += _chat.Reload;
        Render();
    }

    public ChatPanel Chat => _chat;

    public InputBar Input => _input;

    /// <summary>Keys that work wherever the focus is in the chat screen; true when the key was one.</summary>
    public bool HandleGlobalKey(Key key)
    {
        if (key == Key.N.WithCtrl)
            _session.SelectNext(+1);
        else if (key == Key.P.WithCtrl)
            _session.SelectNext(-1);
        else if (AltNumber(key) is { } number)
            _session.SelectNumber(number);
        else if (key == Key.W.WithAlt)
            _session.CloseCurrent();
        else if (key == Key.F3)
            _session.JumpToNextHit(-1);
        else if (key == Key.F3.WithShift)
            _session.JumpToNextHit(+1);
        else if (key == Key.F2)
        {
            _sideChosen = !_sideShown;
            ArrangeSide();
        }
        else
            return false;
        return true;
    }

    /// <summary>Whether the people and direct panels are on screen.</summary>
    public bool SidePanelsShown => _sideShown;

    private void ArrangeSide()
    {
        var shown = _sideChosen ?? Frame.Width >= NarrowWidth;
        if (shown == _sideShown)
            return;
        _sideShown = shown;
        _people.Visible = shown;
        _direct.Visible = shown;
        _chat.Width = Dim.Fill(shown ? SideWidth : 0);
        SetNeedsLayout();
    }

    private static int? AltNumber(Key key)
    {
        for (var number = 1; number <= 9; number++)
            if (key == ((Key)(char)('0' + number)).WithAlt)
                return number;
        return null;
    }

    private void Scroll(ScrollRequest request)
    {
        switch (request)
        {
            case ScrollRequest.PageUp: _chat.ScrollPage(-1); break;
            case ScrollRequest.PageDown: _chat.ScrollPage(+1); break;
            case ScrollRequest.Start: _chat.ScrollToStart(); break;
            case ScrollRequest.End:
                _session.BackToLiveEnd();
                _chat.ScrollToEnd();
                break;
        }
    }

    private void Render()
    {
        if (_chat.Shown != _session.Current)
            _chat.Show(_session.Current);
        else
            _chat.UpdateTitle();
        _people.Render(_session.Current, _session.PeopleHere, _session.Me);
        _direct.Render(_session.Conversations, _session.Current);
        _input.Render(_session.Current);
        _status.Render(_session);
        SetNeedsDraw();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _session.Changed -= Render;
            _session.LineAdded -= _chat.Append;
            _session.LinesInserted -= _chat.Reload;
        }
        base.Dispose(disposing);
    }
}
