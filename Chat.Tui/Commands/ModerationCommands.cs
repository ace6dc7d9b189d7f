using Chat.Protocol;
using static Chat.Tui.Commands.ArgumentShapes;

namespace Chat.Tui.Commands;

/// <summary>
/// The commands that moderate the room on screen (its owner's and operators', or a host
/// operator's: the host checks, the client only sends) and !ignore. One record each, in the
/// command table; help lists them on a few compact rows.
/// </summary>
public static class ModerationCommands
{
    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        new("kick", [], "user [reason]", "put someone out of this room", WordAndOptionalText,
            (chat, args) => InRoom(chat, room => new Kick(room, args.Word!, args.Text)), ArgumentCompletion.Users),
        new("ban", [], "user [30m|2h|7d] [reason]", "keep someone out of this room", WordAndOptionalText,
            (chat, args) => InRoom(chat, room => Timed(args, (seconds, reason) => new Ban(room, args.Word!, seconds, reason))), ArgumentCompletion.Users),
        new("unban", [], "user", "let someone back into this room", Word, (chat, args) => InRoom(chat, room => new Unban(room, args.Word!)), ArgumentCompletion.Users),
        new("mute", [], "user [30m|2h|7d] [reason]", "refuse someone's lines in this room", WordAndOptionalText,
            (chat, args) => InRoom(chat, room => Timed(args, (seconds, reason) => new Mute(room, args.Word!, seconds, reason))), ArgumentCompletion.Users),
        new("unmute", [], "user", "let someone speak again", Word, (chat, args) => InRoom(chat, room => new Unmute(room, args.Word!)), ArgumentCompletion.Users),
        new("topic", [], "text", "set this room's topic", OptionalText, (chat, args) => InRoom(chat, room => new SetTopic(room, args.Text ?? ""))),
        new("invite", [], "user", "let someone into this invite-only room", Word, (chat, args) => InRoom(chat, room => new Invite(room, args.Word!)), ArgumentCompletion.Users),
        new("mode", [], "+i|-i|+p|-p", "invite-only (i) or private (p), on or off", Word, Mode),
        new("op", [], "user", "make someone an operator of this room", Word, (chat, args) => InRoom(chat, room => new GrantOperator(room, args.Word!)), ArgumentCompletion.Users),
        new("deop", [], "user", "unmake an operator of this room", Word, (chat, args) => InRoom(chat, room => new RevokeOperator(room, args.Word!)), ArgumentCompletion.Users),
        new("ignore", [], "user", "hide someone's lines and DMs from you", Word, (chat, args) => Sent(() => chat.Moderate(new Ignore(args.Word!))), ArgumentCompletion.Users),
        new("unignore", [], "user", "show someone's lines again", Word, (chat, args) => Sent(() => chat.Moderate(new Unignore(args.Word!))), ArgumentCompletion.Users),
    ];

    /// <summary>"bob" or "bob some reason": the user, then the rest.</summary>
    public static CommandArgs? WordAndOptionalText(string args) =>
        WordAndText(args) ?? Word(args);

    private static string? InRoom(IChatCommands chat, Func<string, ClientFrame?> frame)
    {
        if (chat.CurrentRoom is not { } room)
            return "Moderation works in a room: switch to the room first.";
        if (frame(room) is not { } request)
            return "A duration is a number and s, m, h, d or w: 30m, 2h, 7d.";
        return Sent(() => chat.Moderate(request));
    }

    /// <summary>A first word that reads as a duration is one ("2h spam"); otherwise it all is the reason.</summary>
    private static ClientFrame? Timed(CommandArgs args, Func<long?, string?, ClientFrame> frame)
    {
        var words = (args.Text ?? "").Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && DurationText.TryParse(words[0], out var duration))
            return frame((long)duration.TotalSeconds, words.Length > 1 ? words[1] : null);
        return words.Length > 0 && char.IsAsciiDigit(words[0][0]) ? null : frame(null, args.Text);
    }

    private static string? Mode(IChatCommands chat, CommandArgs args) => args.Word switch
    {
        "+i" or "-i" => InRoom(chat, room => new SetMode(room, InviteOnly: args.Word[0] == '+')),
        "+p" or "-p" => InRoom(chat, room => new SetMode(room, Private: args.Word[0] == '+')),
        _ => "!mode +i or -i (invite-only), +p or -p (private: not in !rooms).",
    };

    private static string? Sent(Action send)
    {
        send();
        return null;
    }
}
