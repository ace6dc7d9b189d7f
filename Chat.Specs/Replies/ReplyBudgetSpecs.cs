using Chat.Actors.Replies;
using Chat.Protocol;

namespace Chat.Specs.Replies;

public class ReplyBudgetSpecs
{
    private static ChatMessage Message(long seq, int chars) => new("lobby", "mallory", "mallory", new string('x', chars), seq, DateTime.UnixEpoch);

    [Fact]
    public void A_page_over_budget_keeps_its_newest_messages_and_says_it_is_not_complete()
    {
        var messages = Enumerable.Range(1, 10).Select(i => (ServerFrame)Message(i, 1000)).ToList();
        var oneMessage = EncodedSize.Of(messages[0]);

        var page = ReplyBudget.Bounded(new HistoryPage(messages, Complete: true) { Room = "lobby" }, 3 * oneMessage + 10);

        Assert.Equal([8L, 9L, 10L], page.Messages.Cast<ChatMessage>().Select(m => m.Seq));
        Assert.False(page.Complete);
        Assert.InRange(EncodedSize.Of(page), 1, 3 * oneMessage + 200);
    }

    [Fact]
    public void A_page_within_budget_is_unchanged_and_a_single_large_message_is_still_sent()
    {
        var small = new HistoryPage([Message(1, 10), Message(2, 10)], Complete: true);
        Assert.Same(small, ReplyBudget.Bounded(small, 100_000));

        var large = ReplyBudget.Bounded(new HistoryPage([Message(1, 10), Message(2, 5000)], Complete: true), 100);
        Assert.Equal([2L], large.Messages.Cast<ChatMessage>().Select(m => m.Seq));
    }

    [Fact]
    public void Lists_keep_their_first_entries_and_say_there_are_more()
    {
        var rooms = Enumerable.Range(0, 1000).Select(i => new RoomInfo($"room{i:D4}", i)).ToList();

        var list = ReplyBudget.Bounded(new RoomList(rooms), 4096);

        Assert.True(list.More);
        Assert.Equal(rooms.Take(list.Rooms.Count), list.Rooms);
        Assert.InRange(EncodedSize.Of(list), 1, 4096 + 100);
        Assert.Null(ReplyBudget.Bounded(new RoomList(rooms.Take(3).ToList()), 4096).More);
    }

    [Fact]
    public void Rosters_and_unread_counts_are_bounded_the_same_way()
    {
        var roster = ReplyBudget.Bounded(new Roster("lobby", Enumerable.Range(0, 500).Select(i => new Member($"user{i}", $"nick{i}")).ToList()), 2048);
        var unread = ReplyBudget.Bounded(new Unread(Enumerable.Range(0, 500).Select(i => new UnreadConversation(i) { With = $"user{i}" }).ToList()), 2048);

        Assert.True(roster.More);
        Assert.True(unread.More);
        Assert.InRange(EncodedSize.Of(roster), 1, 2048 + 100);
        Assert.InRange(EncodedSize.Of(unread), 1, 2048 + 100);
    }
}
