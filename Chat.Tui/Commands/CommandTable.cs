using Chat.Protocol;
using Chat.Tui.Session;
using static Chat.Tui.Commands.ArgumentShapes;

namespace Chat.Tui.Commands;

/// <summary>
/// Every command of the input bar. Each works with "!" (the seed's style: !X) and with "/"
/// (irssi's: /msg). Parsing, help, completion and execution all read this one table.
/// </summary>
public static class CommandTable
{
    public static readonly IReadOnlyList<char> Prefixes = ['!', '/'];

    /// <summary>A line that is not a command: text for the conversation on screen. Not listed in help.</summary>
    public static CommandSpec Text { get; } = new("say", [], "text", "say something here", ArgumentShapes.Text, (chat, args) => Done(() => chat.SayHere(args.Text!)));

    /// <summary>The commands help lists one to a row.</summary>
    public static IReadOnlyList<CommandSpec> General { get; } =
    [
        new("X", ["msg"], "username message", "send a direct message", WordAndText,
            (chat, args) => Done(() => chat.SendDirect(args.Word!, args.Text!)), ArgumentCompletion.Users),
        new("reply", ["r"], "message", "answer the last DM you received", ArgumentShapes.Text, Reply),
        new("nick", [], "newname", "change your nickname", Word, (chat, args) => Done(() => chat.ChangeNick(args.Word!))),
        new("who", [], "", "list who is in the room on screen", Nothing, (chat, _) => Done(chat.AskWho)),
        new("me", [], "action", "say what you are doing", ArgumentShapes.Text, (chat, args) => Done(() => chat.SayHere(ChatLine.ActionPrefix + args.Text))),
        new("join", [], "#room", "join a room (created if new)", Room, (chat, args) => Done(() => chat.Join(args.Word!)), ArgumentCompletion.Rooms),
        new("leave", ["part"], "[#room]", "leave a room (default: this one)", OptionalRoom, Leave, ArgumentCompletion.Rooms),
        new("close", [], "", "close this conversation (Alt+W; a room: leave it)", Nothing, Close),
        new("search", [], "text", "find words here", ArgumentShapes.Text, (chat, args) => Done(() => chat.Search(args.Text!))),
        new("jump", [], "N", "hit N in context (F3)", Word, Jump),
        new("rooms", [], "", "list the rooms and their member counts", Nothing, (chat, _) => Done(chat.ListRooms)),
        new("away", [], "[reason]", "tell others you are away", OptionalText, (chat, args) => Done(() => chat.GoAway(args.Text))),
        new("back", [], "", "you are back", Nothing, (chat, _) => Done(chat.ComeBack)),
        new("whois", [], "username", "who someone is and since when", Word, (chat, args) => Done(() => chat.AskWhois(args.Word!)), ArgumentCompletion.Users),
        new("password", [], "", "change your password (in a dialog)", Nothing, (chat, _) => Done(chat.AskPasswordChange)),
        new("logout-all", [], "", "log out your other terminals", Nothing, (chat, _) => Done(chat.LogOutEverywhere)),
        new("bell", [], "[on|off]", "ring the bell on DMs and mentions", OnOff, Bell, NeedsHost: false),
        new("help", [], "", "show the commands and keys", Nothing, (chat, _) => Done(() => chat.Tell(HelpText.Lines)), NeedsHost: false),
        new("quit", [], "", "log out and leave", Anything, (chat, _) => Done(chat.Quit), NeedsHost: false),
    ];

    /// <summary>Every command: the general ones, then the moderation ones (after General: static initialisers run in order).</summary>
    public static IReadOnlyList<CommandSpec> All { get; } = [.. General, .. ModerationCommands.All];

    /// <summary>The command a word (without its prefix) names, ignoring case: "X", "x" and "msg" are one command.</summary>
    public static CommandSpec? Find(string word) => All.FirstOrDefault(spec => spec.IsCalled(word));

    private static string? Done(Action action)
    {
        action();
        return null;
    }

    private static string? Reply(IChatCommands chat, CommandArgs args) =>
        chat.LastDirectFrom is { } from
            ? Done(() => chat.SendDirect(from, args.Text!))
            : "Nobody has sent you a DM yet; !X username message starts one.";

    private static string? Jump(IChatCommands chat, CommandArgs args) =>
        int.TryParse(args.Word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? chat.JumpToHit(number)
            : "!jump N takes the number of a hit that !search listed.";

    private static string? Leave(IChatCommands chat, CommandArgs args) => (args.Word ?? chat.CurrentRoom) switch
    {
        null => "This is a direct conversation, not a room; !leave #room names the room to leave.",
        RoomNames.Lobby => "Everyone stays in the lobby; !leave #room leaves another room.",
        var room => Done(() => chat.Leave(room)),
    };

    /// <summary>!close and Alt+W: a DM's window closes, a room's is left (the lobby stays).</summary>
    public static string? Close(IChatCommands chat, CommandArgs args) => (chat.CurrentRoom, chat.CurrentPeer) switch
    {
        (RoomNames.Lobby, _) => "The lobby stays open; !close closes a DM or leaves another room.",
        ({ } room, _) => Done(() => chat.Leave(room)),
        (_, { } peer) => Done(() => chat.CloseDirect(peer)),
        _ => null,
    };

    private static string? Bell(IChatCommands chat, CommandArgs args)
    {
        var on = chat.SetBell(args.Word switch { "on" => true, "off" => false, _ => null });
        chat.Tell([on ? "Bell on: DMs and mentions ring the terminal bell." : "Bell off."]);
        return null;
    }
}
