using Chat.Host.Irc;

namespace Chat.Specs.Irc;

public sealed class IrcNickBookSpecs
{
    [Fact]
    public void A_nick_learnt_once_is_known_both_ways()
    {
        var book = new IrcNickBook();

        Assert.Equal("Bobby", book.Learn("bob", "Bobby"));

        Assert.Equal("bob", book.UsernameOf("bobby"));
        Assert.Equal("Bobby", book.NickOf("bob"));
    }

    [Fact]
    public void A_nickname_IRC_cannot_carry_shows_as_the_username()
    {
        var book = new IrcNickBook();

        Assert.Equal("carol", book.Learn("carol", "Carol Smith"));
        Assert.Equal("carol", book.NickOf("carol"));
    }

    [Fact]
    public void After_a_rename_the_new_nick_shows_and_both_nicks_still_reach_the_account()
    {
        var book = new IrcNickBook();
        book.Learn("bob", "Bobby");

        book.Learn("bob", "Robert");

        Assert.Equal("Robert", book.NickOf("bob"));
        Assert.Equal("bob", book.UsernameOf("Robert"));
        Assert.Equal("bob", book.UsernameOf("Bobby"));
    }

    [Fact]
    public void Someone_never_seen_is_named_by_their_nick_in_lower_case_and_their_username()
    {
        var book = new IrcNickBook();

        Assert.Equal("dave", book.UsernameOf("Dave"));
        Assert.Equal("dave", book.NickOf("dave"));
    }

    [Fact]
    public void Learning_the_same_nick_again_keeps_the_first_string()
    {
        // Each IRC member's frames are read once per fan-out, but a message learnt again must not
        // make the book hold a copy per line.
        var book = new IrcNickBook();
        var first = book.Learn("bob", "Bobby");

        var again = book.Learn("bob", new string("Bobby".AsSpan()));

        Assert.Same(first, again);
    }
}
