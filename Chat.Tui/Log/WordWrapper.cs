namespace Chat.Tui.Log;

/// <summary>A piece of a text that fits one row: where it starts and how many chars it takes.</summary>
public readonly record struct Segment(int Start, int Length);

/// <summary>
/// Breaks text into rows of at most a number of columns, at spaces when it can and inside a
/// word only when one word is wider than a row. Measures by display columns, so wide
/// characters and emoji never straddle the edge.
/// </summary>
public static class WordWrapper
{
    /// <summary>Appends the rows of <paramref name="text"/> to <paramref name="rows"/>; at least one row, even for "".</summary>
    public static void Wrap(string text, int columns, List<Segment> rows) => Wrap(text, columns, columns, rows);

    /// <summary>Wraps with a first row of a different width (it shares its row with a prefix).</summary>
    public static void Wrap(string text, int firstColumns, int restColumns, List<Segment> rows)
    {
        restColumns = Math.Max(restColumns, 2);
        var columns = Math.Max(firstColumns, 1);
        var rowStart = 0;
        var rowColumns = 0;
        var breakAt = -1; // index of the last space in this row
        var index = 0;
        while (index < text.Length)
        {
            var width = DisplayWidth.NextCluster(text, index, out var length);
            if (text[index] == ' ' && index > rowStart)
                breakAt = index;

            if (rowColumns + width > columns && index > rowStart)
            {
                if (breakAt > rowStart)
                {
                    rows.Add(new Segment(rowStart, breakAt - rowStart));
                    index = breakAt + 1;
                }
                else
                {
                    rows.Add(new Segment(rowStart, index - rowStart));
                }
                rowStart = index;
                rowColumns = 0;
                columns = restColumns;
                breakAt = -1;
                continue;
            }

            rowColumns += width;
            index += length;
        }
        rows.Add(new Segment(rowStart, text.Length - rowStart));
    }
}
