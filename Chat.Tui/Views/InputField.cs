using System.Drawing;
using System.Text;
using Chat.Tui.Input;
using Chat.Tui.Log;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace Chat.Tui.Views;

/// <summary>
/// One line of editable text drawn from an <see cref="InputLine"/>: only the columns in view are
/// measured and drawn, so a line of thousands of characters costs what fits on screen. Keys as
/// in readline: Ctrl+A/E start and end, Ctrl+U/K delete before and after the cursor, Ctrl+W the
/// word before it, Alt+B/F and Ctrl+Left/Right move by words. A bracketed paste is handed on
/// whole (<see cref="PasteReceived"/>); the input bar decides what a paste of many lines means.
/// </summary>
public sealed class InputField : View
{
    private readonly InputLine _line = new();
    // The first char shown: moves only as far as needed to keep the cursor in view.
    private int _first;

    public InputField()
    {
        CanFocus = true;
        Height = 1;
    }

    /// <summary>Keys the owner handles before they edit the line (Enter, Tab, Up, ...); true when handled.</summary>
    public Func<Key, bool>? OwnKeys { get; set; }

    /// <summary>A paste arrived, line breaks and all.</summary>
    public event Action<string>? PasteReceived;

    public InputLine Line => _line;

    public string Typed
    {
        get => _line.Text;
        set
        {
            _line.Text = value;
            Changed();
        }
    }

    public void Insert(string text)
    {
        _line.Insert(text);
        Changed();
    }

    protected override bool OnKeyDown(Key key)
    {
        if (OwnKeys?.Invoke(key) == true)
            return true;
        if (Edit(key))
        {
            Changed();
            return true;
        }
        return base.OnKeyDown(key);
    }

    private bool Edit(Key key)
    {
        if (key == Key.Backspace) _line.DeleteBack();
        else if (key == Key.Delete || key == Key.D.WithCtrl) _line.DeleteForward();
        else if (key == Key.CursorLeft || key == Key.B.WithCtrl) _line.Left();
        else if (key == Key.CursorRight || key == Key.F.WithCtrl) _line.Right();
        else if (key == Key.A.WithCtrl || (key == Key.Home && _line.Length > 0)) _line.Home();
        else if (key == Key.E.WithCtrl || (key == Key.End && _line.Length > 0)) _line.End();
        else if (key == Key.U.WithCtrl) _line.KillToStart();
        else if (key == Key.K.WithCtrl) _line.KillToEnd();
        else if (key == Key.W.WithCtrl) _line.KillWordBack();
        else if (key == Key.B.WithAlt || key == Key.CursorLeft.WithCtrl) _line.WordLeft();
        else if (key == Key.F.WithAlt || key == Key.CursorRight.WithCtrl) _line.WordRight();
        else if (Printable(key) is { } text) _line.Insert(text);
        else return false;
        return true;
    }

    /// <summary>A printable character typed without Ctrl or Alt.</summary>
    private static string? Printable(Key key)
    {
        if (key.IsCtrl || key.IsAlt)
            return null;
        var rune = key.AsRune;
        return rune.Value > 0 && !Rune.IsControl(rune) ? rune.ToString() : null;
    }

    protected override bool OnPaste(string text)
    {
        PasteReceived?.Invoke(text);
        return true;
    }

    // The bar decides what the paste becomes; nothing was inserted as pasted.
    protected override bool ShouldRaisePastedEvent(string text) => false;

    // Line breaks are the input bar's question to ask, not to drop as TextField does.
    protected override string OnSanitizingPaste(string raw) => base.OnSanitizingPaste(raw).Replace("\r\n", "\n").Replace('\r', '\n');

    private void Changed()
    {
        SetNeedsDraw();
        UpdateCursor();
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        if (width <= 0)
            return true;
        var column = ScrollToCursor(width);
        var shown = _line.Slice(_first, width * 4);
        var fits = DisplayWidth.Fit(shown, width, out var used);
        SetAttributeForRole(HasFocus ? VisualRole.Focus : VisualRole.Editable);
        Move(0, 0);
        AddStr(shown[..fits] + new string(' ', Math.Max(0, width - used)));
        PlaceCursor(column);
        return true;
    }

    private void UpdateCursor()
    {
        if (Viewport.Width > 0)
            PlaceCursor(ScrollToCursor(Viewport.Width));
    }

    private void PlaceCursor(int column) =>
        Cursor = new Cursor { Position = HasFocus ? ViewportToScreen(new Point(column, 0)) : null, Style = CursorStyle.BlinkingBar };

    /// <summary>Moves the first char shown so the cursor is in view with a column to spare; returns the cursor's column.</summary>
    private int ScrollToCursor(int width)
    {
        var cursor = _line.Cursor;
        if (cursor < _first || _first > _line.Length)
            _first = cursor;
        // Only the text just before the cursor can be on screen with it: a wide glyph is two columns.
        var from = Math.Max(_first, cursor - width * 2);
        var before = _line.Slice(from, cursor - from);
        var widths = new List<(int Length, int Width)>();
        var total = 0;
        for (var at = 0; at < before.Length;)
        {
            var w = DisplayWidth.NextCluster(before, at, out var length);
            widths.Add((length, w));
            total += w;
            at += length;
        }
        var dropped = 0;
        foreach (var (length, w) in widths)
        {
            if (total <= width - 1)
                break;
            total -= w;
            dropped += length;
        }
        _first = from + dropped;
        return total;
    }
}
