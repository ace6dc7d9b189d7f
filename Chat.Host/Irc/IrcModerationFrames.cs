using Chat.Actors.Storage;
using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>
/// A room's moderation notices in IRC terms: a kick is KICK, a ban MODE +b and KICK, a topic
/// TOPIC, operators MODE +o/-o, invite-only MODE +i/-i, an invitation INVITE to the one invited.
/// The member a kick or ban removes then gets no PART as well (<see cref="IrcConnection.Removed"/>).
/// </summary>
public sealed class IrcModerationFrames(IrcConnection irc)
{
    public void Render(ModerationNotice notice)
    {
        var channel = IrcNames.Channel(notice.Room);
        var source = $"{irc.NickOf(notice.By)}!{notice.By}@{IrcNames.UserHost}";
        var nick = notice.User is { } user ? irc.NickOf(user) : "";
        switch (notice.Action)
        {
            case ModerationActions.Topic:
                irc.EmitAfterRegistration(new IrcLine("TOPIC", [channel, notice.Topic ?? ""]) { Source = source });
                return;
            case ModerationActions.Kick:
                Removed(notice, channel, source, nick);
                return;
            case ModerationActions.Ban:
                irc.EmitAfterRegistration(new IrcLine("MODE", [channel, "+b", $"{nick}!*@*"]) { Source = source });
                Removed(notice, channel, source, nick);
                return;
            case ModerationActions.Unban:
                irc.EmitAfterRegistration(new IrcLine("MODE", [channel, "-b", $"{nick}!*@*"]) { Source = source });
                return;
            case ModerationActions.Op or ModerationActions.Own:
                irc.EmitAfterRegistration(new IrcLine("MODE", [channel, "+o", nick]) { Source = source });
                return;
            case ModerationActions.Deop:
                irc.EmitAfterRegistration(new IrcLine("MODE", [channel, "-o", nick]) { Source = source });
                return;
            case ModerationActions.Mode when notice.InviteOnly is { } inviteOnly:
                irc.EmitAfterRegistration(new IrcLine("MODE", [channel, inviteOnly ? "+i" : "-i"]) { Source = source });
                return;
            case ModerationActions.Invite when notice.User == irc.Username:
                irc.EmitAfterRegistration(new IrcLine("INVITE", [irc.Me, channel]) { Source = source });
                return;
            case ModerationActions.Mute or ModerationActions.Unmute:
                var what = notice.Action == ModerationActions.Mute ? "muted" : "unmuted";
                irc.EmitAfterRegistration(new IrcLine("NOTICE", [channel, $"{nick} was {what} by {irc.NickOf(notice.By)}"]) { Source = irc.ServerName });
                return;
        }
    }

    private void Removed(ModerationNotice notice, string channel, string source, string nick)
    {
        irc.Removed.Add((channel, notice.User ?? ""));
        var reason = notice.Reason is { Length: > 0 } given ? given : irc.NickOf(notice.By);
        irc.EmitAfterRegistration(new IrcLine("KICK", [channel, nick, reason]) { Source = source });
    }
}
