using Chat.Tui.Session;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>
/// Where the user types. Enter hands the line to the session, which decides; the text stays
/// when the session refuses it. Tab completes, Up/Down recall, PgUp/PgDn scroll the chat. A paste
/// of several lines asks first: Enter sends them as lines, J joins them into one, Esc drops it.
/// </summary>
public sealed class InputBar : FrameView
{
    private readonly ChatSession _session;
    private readonly InputField _field;
    private string _title = "";
    private IReadOnlyList<string>? _pendingPaste;

    public InputBar(ChatSession session)
    {
        _session = session;
        Height = 3;
        _field = new InputField { Width = Dim.Fill() };
        _field.OwnKeys = OnKey;
        _field.PasteReceived += AskAboutPaste;
        Add(_field);
    }

    /// <summary>Shift+Tab: the user wants to pick a conversation from the list.</summary>
    public event Action? LeaveRequested;

    /// <summary>The chat panel should scroll, though the focus stays here.</summary>
    public event Action<ScrollRequest>? ScrollRequested;

    public string Typed
    {
        get => _field.Typed;
        set => _field.Typed = value;
    }

    /// <summary>A paste of several lines is waiting for the user's answer.</summary>
    public bool AsksAboutPaste => _pendingPaste is not null;

    public void FocusField() => _field.SetFocus();

    public void Render(Conversation current)
    {
        _title = current.IsDirect ? $"Message @{current.Title}" : $"Message #{current.Title}";
        if (_pendingPaste is null)
            Title = _title;
    }

    /// <summary>Esc: a waiting paste is dropped. True when there was one.</summary>
    public bool CancelPaste()
    {
        if (_pendingPaste is null)
            return false;
        EndPaste();
        return true;
    }

    private void AskAboutPaste(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        if (lines.Count <= 1)
        {
            _field.Insert(lines.Count == 0 ? "" : lines[0]);
            return;
        }
        _pendingPaste = lines;
        Title = $"Paste of {lines.Count} lines: Enter sends {lines.Count} lines, J joins them, Esc drops it";
    }

    private void AnswerPaste(Key key)
    {
        var lines = _pendingPaste!;
        if (key == Key.Enter)
        {
            EndPaste();
            // Each goes as if typed and entered; the first refused stays in the bar with those after it.
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Trim().Length == 0 || _session.Submit(lines[i]))
                    continue;
                Typed = string.Join(' ', lines.Skip(i).Where(l => l.Trim().Length > 0));
                return;
            }
        }
        else if (key == Key.J || key == Key.J.WithShift)
        {
            EndPaste();
            _field.Insert(string.Join(' ', lines.Select(l => l.Trim()).Where(l => l.Length > 0)));
        }
    }

    private void EndPaste()
    {
        _pendingPaste = null;
        Title = _title;
    }

    private bool OnKey(Key key)
    {
        if (_pendingPaste is not null)
        {
            AnswerPaste(key);
            return true;
        }
        if (key == Key.Enter)
        {
            if (_session.Submit(_field.Typed))
                Typed = "";
            _session.Completer.Reset();
        }
        else if (key == Key.Tab)
        {
            Typed = _session.Completer.Complete(_field.Typed, _session.CompletionNamesFor(_field.Typed));
        }
        else if (key == Key.Tab.WithShift)
        {
            LeaveRequested?.Invoke();
        }
        else if (key == Key.CursorUp)
        {
            if (_session.History.Previous(_field.Typed) is { } earlier)
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
            return false;
        }
        return true;
    }

    /// <summary>Home/End move the cursor while there is text; on an empty line they jump the chat.</summary>
    private ScrollRequest? ScrollFor(Key key)
    {
        if (key == Key.PageUp)
            return ScrollRequest.PageUp;
        if (key == Key.PageDown)
            return ScrollRequest.PageDown;
        if (key == Key.Home.WithCtrl || (key == Key.Home && _field.Line.Length == 0))
            return ScrollRequest.Start;
        if (key == Key.End.WithCtrl || (key == Key.End && _field.Line.Length == 0))
            return ScrollRequest.End;
        return null;
    }
}
