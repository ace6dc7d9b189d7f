using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>
/// The channel operator's commands, as the chat's room moderation: TOPIC, KICK, INVITE and
/// MODE (+o/-o operators, +b/-b bans, +i/-i invite-only). The room decides who may; its
/// "moderation" notice is what every member then sees (<see cref="IrcModerationFrames"/>).
/// </summary>
public sealed class IrcChannelCommands(IrcConnection irc)
{
    /// <summary>Handles the line when it is one of these commands; false otherwise.</summary>
    public bool TryHandle(IrcLine line)
    {
        switch (line.Command)
        {
            case "TOPIC": Topic(line); return true;
            case "KICK": Kick(line); return true;
            case "INVITE": Invite(line); return true;
            case "MODE": Mode(line); return true;
            default: return false;
        }
    }

    private bool TryRoom(IrcLine line, int index, string command, out string room)
    {
        room = "";
        if (line.Params.Length <= index)
        {
            irc.Numeric("461", command, "Not enough parameters");
            return false;
        }
        if (IrcNames.Room(line.Arg(index)) is not { } named)
        {
            irc.Numeric("403", line.Arg(index), "No such channel");
            return false;
        }
        room = named;
        return true;
    }

    private void Topic(IrcLine line)
    {
        if (!TryRoom(line, 0, "TOPIC", out var room))
            return;
        var channel = line.Arg(0);
        if (line.Params.Length > 1)
        {
            irc.Ask(new SetTopic(room, IrcFormatting.Strip(line.Arg(1))), new IrcPending("topic", channel));
            return;
        }
        // The room's own answer carries its topic, whoever set it and whenever.
        irc.Ask(new Who(room), new IrcPending("topic-query", channel));
    }

    private void Kick(IrcLine line)
    {
        if (line.Params.Length < 2)
        {
            irc.Numeric("461", "KICK", "Not enough parameters");
            return;
        }
        if (!TryRoom(line, 0, "KICK", out var room))
            return;
        var reason = line.Params.Length > 2 && line.Arg(2).Length > 0 ? IrcFormatting.Strip(line.Arg(2)) : null;
        foreach (var nick in line.Arg(1).Split(',', StringSplitOptions.RemoveEmptyEntries))
            irc.Ask(new Kick(room, irc.UsernameOf(nick), reason), new IrcPending("kick", line.Arg(0), nick));
    }

    private void Invite(IrcLine line)
    {
        if (line.Params.Length < 2)
        {
            irc.Numeric("461", "INVITE", "Not enough parameters");
            return;
        }
        if (!TryRoom(line, 1, "INVITE", out var room))
            return;
        irc.Ask(new Invite(room, irc.UsernameOf(line.Arg(0))), new IrcPending("invite", line.Arg(1), line.Arg(0)));
    }

    /// <summary>Channel modes the chat has: o (operator), b (ban), i (invite-only); a user's own modes are none.</summary>
    private void Mode(IrcLine line)
    {
        if (line.Params.IsEmpty)
        {
            irc.Numeric("461", "MODE", "Not enough parameters");
            return;
        }
        var target = line.Arg(0);
        if (IrcNames.Room(target) is not { } room)
        {
            if (!target.Equals(irc.Me, StringComparison.OrdinalIgnoreCase))
                irc.Numeric("502", "Can't change mode for other users");
            else
                irc.Numeric("221", "+");
            return;
        }
        if (line.Params.Length == 1)
        {
            irc.Numeric("324", target, "+");
            return;
        }
        var adding = true;
        var argument = 2;
        foreach (var letter in line.Arg(1))
        {
            switch (letter)
            {
                case '+' or '-':
                    adding = letter == '+';
                    continue;
                case 'i':
                    irc.Ask(new SetMode(room, InviteOnly: adding), new IrcPending("mode", target));
                    continue;
                case 'o' or 'b' when line.Params.Length <= argument:
                    if (letter == 'b')
                        irc.Numeric("368", target, "End of channel ban list");
                    else
                        irc.Numeric("461", "MODE", "Not enough parameters");
                    continue;
                case 'o':
                    var op = irc.UsernameOf(line.Arg(argument++));
                    irc.Ask(adding ? new GrantOperator(room, op) : new RevokeOperator(room, op), new IrcPending("mode", target, line.Arg(argument - 1)));
                    continue;
                case 'b':
                    // A ban names a person: the nick of a mask (nick!user@host) or the mask itself.
                    var mask = line.Arg(argument++);
                    var banned = irc.UsernameOf(mask.Split('!')[0]);
                    irc.Ask(adding ? new Ban(room, banned) : new Unban(room, banned), new IrcPending("mode", target, mask));
                    continue;
                default:
                    irc.Numeric("472", letter.ToString(), "is an unknown mode char to me");
                    continue;
            }
        }
    }
}
