using Chat.Tui.Input;

namespace Chat.Specs.Tui.Input;

public class InputLineSpecs
{
    private static InputLine Typed(string text)
    {
        var line = new InputLine();
        line.Insert(text);
        return line;
    }

    [Fact]
    public void Ctrl_W_deletes_the_word_before_the_cursor_and_Ctrl_U_and_Ctrl_K_the_rest_of_each_side()
    {
        var line = Typed("hello brave new world");

        line.KillWordBack();
        Assert.Equal("hello brave new ", line.Text);
        line.WordLeft();
        line.WordLeft();
        Assert.Equal(6, line.Cursor);
        line.KillToEnd();
        Assert.Equal("hello ", line.Text);
        line.Insert("there");
        line.Home();
        line.WordRight();
        line.KillToStart();
        Assert.Equal(" there", line.Text);
        Assert.Equal(0, line.Cursor);
    }

    [Fact]
    public void Cursor_moves_and_deletes_whole_grapheme_clusters()
    {
        var line = Typed("a👋🏽b");

        line.Left();
        line.Left();
        Assert.Equal(1, line.Cursor);
        line.DeleteForward();
        Assert.Equal("ab", line.Text);
        line.Insert("日本");
        line.DeleteBack();
        Assert.Equal("a日b", line.Text);
    }

    [Fact]
    public void Eight_thousand_characters_typed_one_by_one_are_all_kept()
    {
        var line = new InputLine();
        for (var i = 0; i < 8000; i++)
            line.Insert(((char)('a' + i % 26)).ToString());

        Assert.Equal(8000, line.Length);
        Assert.Equal(8000, line.Cursor);
    }
}
