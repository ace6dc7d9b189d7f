using Chat.Tui.Log;
using Chat.Tui.Session;

namespace Chat.Specs.Tui.Log;

public class MessageLogSpecs
{
    private static ChatLine Said(string nick, string text) => new(new DateTime(2026, 11, 24, 8, 5, 0), LineKind.Message, nick, nick, text);

    private static string[] RowsOf(MessageLog log) =>
        log.Rows.Select(r => log.Entries[r.Entry].Text.Substring(r.Text.Start, r.Text.Length)).ToArray();

    [Fact]
    public void Lines_wrap_at_spaces_within_the_width_after_the_prefix()
    {
        var log = new MessageLog();
        log.SetWidth(30);

        log.Append(Said("bob", "the quick brown fox jumps over the lazy dog"));

        // "08:05 <bob> " takes 12 columns; 18 are left for text on every row.
        Assert.Equal(["the quick brown", "fox jumps over the", "lazy dog"], RowsOf(log));
        Assert.All(RowsOf(log), row => Assert.True(DisplayWidth.Of(row) <= 18));
    }

    [Fact]
    public void Wide_characters_and_emoji_are_measured_in_columns()
    {
        Assert.Equal(6, DisplayWidth.Of("日本語"));
        Assert.Equal(2, DisplayWidth.Of("👋🏽"));
        Assert.Equal(4, DisplayWidth.Of("café"));

        var rows = new List<Segment>();
        WordWrapper.Wrap("日本語日本語", 5, rows);

        Assert.Equal([new Segment(0, 2), new Segment(2, 2), new Segment(4, 2)], rows);
    }

    [Fact]
    public void A_word_longer_than_a_row_is_cut_and_nothing_is_lost()
    {
        var rows = new List<Segment>();
        var text = "see https://example.test/a/very/long/path ok";

        WordWrapper.Wrap(text, 10, rows);

        Assert.Equal(text.Replace(" ", ""), string.Concat(rows.Select(r => text.Substring(r.Start, r.Length).Replace(" ", ""))));
        Assert.All(rows, r => Assert.True(r.Length <= 10));
    }

    [Fact]
    public void A_new_width_re_wraps_every_entry_and_the_same_width_does_nothing()
    {
        var log = new MessageLog();
        log.SetWidth(30);
        for (var i = 0; i < 10; i++)
            log.Append(Said("bob", "the quick brown fox jumps over the lazy dog"));
        var narrow = log.Rows.Count;

        Assert.True(log.SetWidth(80));
        Assert.False(log.SetWidth(80));

        Assert.Equal(30, narrow);
        Assert.Equal(10, log.Rows.Count);
    }

    [Fact]
    public void Control_characters_cannot_move_the_cursor()
    {
        var log = new MessageLog();

        log.Append(Said("mallory", "line\u001b[2Jcleared\r\nagain"));

        Assert.DoesNotContain(log.Entries[0].Text, char.IsControl);
    }
}
