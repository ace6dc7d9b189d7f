using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

public class InputHistorySpecs
{
    [Fact]
    public void Up_recalls_earlier_lines_and_down_returns_to_the_draft()
    {
        var history = new InputHistory();
        history.Add("first");
        history.Add("second");

        Assert.Equal("second", history.Previous("half typed"));
        Assert.Equal("first", history.Previous("second"));
        Assert.Null(history.Previous("first"));
        Assert.Equal("second", history.Next());
        Assert.Equal("half typed", history.Next());
        Assert.Null(history.Next());
    }

    [Fact]
    public void Repeats_are_kept_once_and_the_oldest_fall_off()
    {
        var history = new InputHistory(capacity: 2);
        history.Add("a");
        history.Add("a");
        history.Add("b");
        history.Add("c");

        Assert.Equal(["b", "c"], history.Entries);
    }
}
