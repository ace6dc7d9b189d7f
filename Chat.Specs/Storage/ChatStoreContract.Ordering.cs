using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

/// <summary>
/// Lists "by name" are in code-point order, as SQLite compares text, whatever language the
/// database sorts in by default (the PostgreSQL specs' databases sort as en-US where the server
/// has ICU, where "apple" comes before "Zoo").
/// </summary>
public abstract partial class ChatStoreContract
{
    private static readonly string[] NamesThatLanguagesSortDifferently = ["apple", "Äpfel", "Zoo", "b-c", "ba", "b_c"];

    [Fact]
    public async Task Rooms_and_senders_come_in_code_point_order()
    {
        await CreateAccountsAsync(["alice", .. NamesThatLanguagesSortDifferently]);
        foreach (var name in NamesThatLanguagesSortDifferently)
        {
            await Store.AddRoomMemberAsync(name, "alice");
            await Store.AppendRoomMessageAsync(ARoomMessage(name, 1));
            await Store.AppendDirectMessageAsync(ADirectMessage(name, "alice", "hello"));
        }

        var inCodePointOrder = NamesThatLanguagesSortDifferently.Order(StringComparer.Ordinal).ToArray();
        var unread = await Store.UnreadAsync("alice");

        Assert.Equal(inCodePointOrder, await Store.RoomsOfAsync("alice"));
        Assert.Equal(inCodePointOrder, (await Store.ListRoomsAsync()).Select(room => room.Room));
        Assert.Equal(inCodePointOrder, unread.Rooms.Select(room => room.Room));
        Assert.Equal(inCodePointOrder, unread.Direct.Select(direct => direct.With));
    }

    [Fact]
    public async Task A_conversation_between_names_that_languages_sort_differently_is_one_conversation()
    {
        await CreateAccountsAsync("apple", "Zoo");
        var there = await Store.AppendDirectMessageAsync(ADirectMessage("apple", "Zoo", "there"));
        var back = await Store.AppendDirectMessageAsync(ADirectMessage("Zoo", "apple", "back"));

        Assert.Equal([there!, back!], await Store.DirectMessagesBeforeAsync("apple", "Zoo", long.MaxValue, 10));
        Assert.Equal([there!, back!], await Store.DirectMessagesBeforeAsync("Zoo", "apple", long.MaxValue, 10));
    }
}
