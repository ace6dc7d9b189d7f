using System.Buffers;
using System.Globalization;
using System.Text;
using Terminal.Gui.Text;

namespace Chat.Tui.Log;

/// <summary>
/// How many terminal columns text takes: per grapheme cluster (an emoji with modifiers is one
/// cluster), the sum of its runes' widths capped at two, as Terminal.Gui measures when it draws.
/// </summary>
public static class DisplayWidth
{
    public static int Of(string text)
    {
        var total = 0;
        var index = 0;
        while (index < text.Length)
        {
            total += NextCluster(text, index, out var length);
            index += length;
        }
        return total;
    }

    /// <summary>How many chars from the start fit in <paramref name="columns"/>, never splitting a cluster; the columns they take come out.</summary>
    public static int Fit(string text, int columns, out int used)
    {
        used = 0;
        var length = 0;
        while (length < text.Length)
        {
            var width = NextCluster(text, length, out var clusterLength);
            if (used + width > columns)
                break;
            used += width;
            length += clusterLength;
        }
        return length;
    }

    /// <summary>The width of the cluster starting at <paramref name="index"/>; its length in chars comes out.</summary>
    public static int NextCluster(string text, int index, out int length)
    {
        var c = text[index];
        // Printable ASCII is one column and one cluster, unless a combining mark follows it.
        if (c is >= ' ' and <= '~' && (index + 1 == text.Length || text[index + 1] < 0x300))
        {
            length = 1;
            return 1;
        }

        length = StringInfo.GetNextTextElementLength(text.AsSpan(index));
        var width = 0;
        var end = index + length;
        for (var at = index; at < end;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(at, end - at), out var rune, out var consumed) != OperationStatus.Done)
                consumed = 1;
            else
                width += Math.Max(rune.GetColumns(), 0);
            at += consumed;
        }
        return Math.Min(width, 2);
    }
}
