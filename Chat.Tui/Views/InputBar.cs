using Chat.Tui.Session;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>
/// Where the user types. Enter hands the line to the session, which decides; the text stays
/// when the session refuses it. Tab completes, Up/Down recall, PgUp/PgDn scroll the chat.
/// </summary>
public sealed class InputBar : FrameView
{
    private readonly ChatSession _session;
    private readonly TextField _field;

    public InputBar(ChatSession session)
    {
        _session = session;
        Height = 3;
        _field = new TextField { Width = Dim.Fill(), Height = 1 };
        _field.KeyDown += OnKey;
        Add(_field);
    }

    /// <summary>Shift+Tab: the user wants to pick a conversation from the list.</summary>
    public event Action? LeaveRequested;

    /// <summary>The chat panel should scroll, though the focus stays here.</summary>
    public event Action<ScrollRequest>? ScrollRequested;

    public string Typed
    {
        get => _field.Text;
        set
        {
            _field.Text = value;
            _field.MoveEnd();
        }
    }

    public void FocusField() => _field.SetFocus();

    public void Render(Conversation current) =>
        Title = current.IsDirect ? $"Message @{current.Title}" : $"Message #{current.Title}";

    private void OnKey(object? sender, Key key)
    {
        if (key == Key.Enter)
        {
            if (_session.Submit(_field.Text))
                Typed = "";
            _session.Completer.Reset();
        }
        else if (key == Key.Tab)
        {
            Typed = _session.Completer.Complete(_field.Text, _session.CompletionNamesFor(_field.Text));
        }
        else if (key == Key.Tab.WithShift)
        {
            LeaveRequested?.Invoke();
        }
        else if (key == Key.CursorUp)
        {
            if (_session.History.Previous(_field.Text) is { } earlier)
                Typed = earlier;
        }
        else if (key == Key.CursorDown)
        {
            if (_session.History.Next() is { } later)
                Typed = later;
        }
        else if (ScrollFor(key) is { } request)
        {
            ScrollRequested?.Invoke(request);
        }
        else
        {
            _session.Completer.Reset();
            return;
        }
        key.Handled = true;
    }

    /// <summary>Home/End move the cursor while there is text; on an empty line they jump the chat.</summary>
    private ScrollRequest? ScrollFor(Key key)
    {
        if (key == Key.PageUp)
            return ScrollRequest.PageUp;
        if (key == Key.PageDown)
            return ScrollRequest.PageDown;
        if (key == Key.Home.WithCtrl || (key == Key.Home && _field.Text.Length == 0))
            return ScrollRequest.Start;
        if (key == Key.End.WithCtrl || (key == Key.End && _field.Text.Length == 0))
            return ScrollRequest.End;
        return null;
    }
}
