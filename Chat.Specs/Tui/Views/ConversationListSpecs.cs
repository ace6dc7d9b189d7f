using Terminal.Gui.Input;
using Xunit.Abstractions;

namespace Chat.Specs.Tui.Views;

/// <summary>Conversations stay: the host keeps the list, a new login gets it back in its order, !close and Alt+W take one off.</summary>
[Collection(TerminalCollection.Name)]
public class ConversationListSpecs(ITestOutputHelper output)
{
    [Fact]
    public void After_a_new_login_the_conversations_come_back_in_their_order_with_unread_counts_read_DMs_too()
    {
        using var host = LiveHost.Start();
        host.Register("bob");
        using (var before = ChatWindowSpecs.LoggedIn(host, "alice"))
        {
            host.SendDirect("carol", "alice", "hello from carol", nick: "Carol🌸");
            before.WaitFor("2 @Carol🌸 (1)");
            before.Press(Key.N.WithCtrl);
            before.WaitFor("> hello from carol");
            before.Type("!X bob hi bob");
            before.Press(Key.Enter);
            before.WaitFor("<alice> hi bob");
            before.Type("!join #dev");
            before.Press(Key.Enter);
            before.WaitFor("2 #dev");
            before.WaitUntil(() => before.Session.Conversations.Count(c => c.Peer == "carol" && c.Unread == 0) == 1, "Carol's DM is read");
        }
        // While alice is away bob writes again: that conversation comes back with its count.
        host.SendDirect("bob", "alice", "still there?");

        using var after = ChatWindowSpecs.LoggedIn(host, "alice");

        after.WaitFor("4 @bob (1)");
        // Carol's nickname comes with the people list, which may follow the conversation list.
        after.WaitFor("3 @Carol🌸");
        var screen = after.Screen;
        output.WriteLine(screen);
        var order = new[] { "1 #lobby", "2 #dev", "3 @Carol🌸", "4 @bob (1)" }.Select(entry => screen.IndexOf(entry, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.DoesNotContain("@Carol🌸 (", screen);

        // Carol's DM, read and with nothing new, shows its history when it comes on screen.
        after.Press(((Key)'3').WithAlt);
        after.WaitFor("> hello from carol");
    }

    [Fact]
    public void Close_takes_a_DM_off_the_list_for_good_and_Alt_W_leaves_a_room_but_not_the_lobby()
    {
        using var host = LiveHost.Start();
        host.Register("bob");
        using (var before = ChatWindowSpecs.LoggedIn(host, "alice"))
        {
            before.Type("!X bob hi bob");
            before.Press(Key.Enter);
            before.WaitFor("<alice> hi bob");
            before.Type("/close");
            before.Press(Key.Enter);
            before.WaitFor("Closed the conversation with bob");
            Assert.DoesNotContain("@bob", before.Screen);

            before.Type("!join #dev");
            before.Press(Key.Enter);
            before.WaitFor("2 #dev");
            before.Press(Key.W.WithAlt);
            before.WaitFor("You left #dev.");
            before.Press(Key.W.WithAlt);
            before.WaitFor("The lobby stays open");
            output.WriteLine(before.Screen);
            Assert.DoesNotContain("#dev", before.Session.Conversations.Select(c => "#" + c.Room));
        }

        using var after = ChatWindowSpecs.LoggedIn(host, "alice");
        // A marker: bob's DM after the login opens the conversation again, last; nothing came back before it.
        host.SendDirect("bob", "alice", "marker");
        after.WaitFor("2 @bob (1)");
        Assert.Equal(["lobby", "bob"], after.Session.Conversations.Select(c => c.Room ?? c.Peer));
        Assert.DoesNotContain("<alice> hi bob", after.Screen);
    }
}
