using System.Globalization;
using System.Text;

namespace Chat.Tui.Input;

/// <summary>
/// The text of the input bar and its cursor, edited the way readline and irssi edit a line. One
/// buffer and nothing else: Terminal.Gui's TextField keeps an undo copy of the whole text per
/// keystroke (its issue #1213), which made typing or pasting a long line quadratic in time and
/// memory. Here a character typed at the end costs the character, and a paste costs its length.
/// The cursor is an index into the text and always sits between two grapheme clusters.
/// </summary>
public sealed class InputLine
{
    private readonly StringBuilder _text = new();

    /// <summary>Where the cursor is: the number of UTF-16 code units before it.</summary>
    public int Cursor { get; private set; }

    public int Length => _text.Length;

    public string Text
    {
        get => _text.ToString();
        set
        {
            _text.Clear().Append(value);
            Cursor = _text.Length;
        }
    }

    public override string ToString() => Text;

    /// <summary>The text from <paramref name="start"/>, at most <paramref name="length"/> code units: what a view shows.</summary>
    public string Slice(int start, int length) => _text.ToString(start, Math.Min(length, _text.Length - start));

    /// <summary>Typed or pasted text goes in at the cursor, and the cursor after it.</summary>
    public void Insert(string text)
    {
        _text.Insert(Cursor, text);
        Cursor += text.Length;
    }

    public void Clear() => Text = "";

    public void Home() => Cursor = 0;

    public void End() => Cursor = _text.Length;

    public void Left() => Cursor = PreviousBoundary(Cursor);

    public void Right() => Cursor = NextBoundary(Cursor);

    /// <summary>Backspace: the cluster before the cursor.</summary>
    public void DeleteBack() => Delete(PreviousBoundary(Cursor), Cursor);

    /// <summary>Delete: the cluster under the cursor.</summary>
    public void DeleteForward() => Delete(Cursor, NextBoundary(Cursor));

    /// <summary>Ctrl+U: everything before the cursor.</summary>
    public void KillToStart() => Delete(0, Cursor);

    /// <summary>Ctrl+K: everything from the cursor on.</summary>
    public void KillToEnd() => Delete(Cursor, _text.Length);

    /// <summary>Ctrl+W: the word before the cursor and the spaces after it, as readline's unix-word-rubout.</summary>
    public void KillWordBack() => Delete(WordStartBefore(Cursor, c => char.IsWhiteSpace(c)), Cursor);

    /// <summary>Alt+B, Ctrl+Left: to the start of this word or the one before.</summary>
    public void WordLeft() => Cursor = WordStartBefore(Cursor, c => !char.IsLetterOrDigit(c));

    /// <summary>Alt+F, Ctrl+Right: to the end of this word or the next.</summary>
    public void WordRight()
    {
        var at = Cursor;
        while (at < _text.Length && !char.IsLetterOrDigit(_text[at]))
            at++;
        while (at < _text.Length && char.IsLetterOrDigit(_text[at]))
            at++;
        Cursor = at;
    }

    private int WordStartBefore(int from, Func<char, bool> isSeparator)
    {
        var at = from;
        while (at > 0 && isSeparator(_text[at - 1]))
            at--;
        while (at > 0 && !isSeparator(_text[at - 1]))
            at--;
        return at;
    }

    private void Delete(int from, int to)
    {
        if (to <= from)
            return;
        _text.Remove(from, to - from);
        Cursor = from;
    }

    /// <summary>The end of the grapheme cluster that starts at <paramref name="at"/>.</summary>
    private int NextBoundary(int at)
    {
        if (at >= _text.Length)
            return _text.Length;
        // A cluster is short: a window of a few dozen code units holds it whole.
        var window = Slice(at, 64);
        return at + StringInfo.GetNextTextElementLength(window);
    }

    /// <summary>The start of the grapheme cluster that ends at <paramref name="at"/>.</summary>
    private int PreviousBoundary(int at)
    {
        if (at <= 0)
            return 0;
        var start = Math.Max(0, at - 64);
        var window = _text.ToString(start, at - start);
        var last = 0;
        for (var offset = 0; offset < window.Length; offset += StringInfo.GetNextTextElementLength(window, offset))
            last = offset;
        return start + last;
    }
}
