using System.Collections.Immutable;
using System.Globalization;
using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>
/// The chat's frames, as the host sends them to every client, put in IRC terms for one IRC
/// client: messages become PRIVMSG, joins JOIN, answers numerics, errors the numeric an IRC
/// client expects (by what the request was, since the chat's codes do not say).
/// </summary>
public sealed class IrcFrames(IrcConnection irc)
{
    private readonly IrcModerationFrames _moderation = new(irc);
    private readonly IrcRosterReplies _rosters = new(irc);

    /// <summary>History lines replayed on joining a channel, for clients that have no CHATHISTORY.</summary>
    public const int ReplayLines = 10;

    public void Render(ServerFrame frame)
    {
        lock (irc.Gate)
        {
            RenderFrame(frame);
            irc.FlushPongsIfSettled();
        }
    }

    private void RenderFrame(ServerFrame frame)
    {
        if (OfHiddenRoom(frame))
            return;
        switch (frame)
        {
            case Welcome welcome:
                irc.ServerName = welcome.Server;
                irc.Motd = welcome.Motd;
                return;
            case ErrorReply error: Error(error, irc.Answered(error.Re)); return;
            case Ok ok: Ok(ok, irc.Answered(ok.Re)); return;
            case Roster roster: _rosters.Roster(roster, irc.Answered(roster.Re)); return;
            case HistoryPage page: Page(page, irc.Answered(page.Re)); return;
            case RoomList list: List(list, irc.Answered(list.Re)); return;
            case WhoisInfo whois: Whois(whois, irc.Answered(whois.Re)); return;
            case ChatMessage message: RoomMessage(message, replayed: false); return;
            case DirectMessage dm: Direct(dm, replayed: false); return;
            case Joined joined: Joined(joined); return;
            case Left left: Left(left); return;
            case NickChanged renamed: Renamed(renamed); return;
            case Presence presence: Presence(presence); return;
            case ModerationNotice notice: _moderation.Render(notice); return;
            case PingProbe: irc.FromServer("PING", irc.ServerName); return;
            case Bye bye: irc.Emit(IrcLine.Of("ERROR", $"Closing link: {bye.Message}")); return;
            case Pong or Unread or ReadMark: return;
        }
    }

    /// <summary>What happens in #lobby while the client is not shown it (chat.irc.auto-join-lobby off, or after PART #lobby).</summary>
    private bool OfHiddenRoom(ServerFrame frame) => frame switch
    {
        ChatMessage m => irc.Hides(m.Room),
        Joined j => irc.Hides(j.Room),
        Left l => irc.Hides(l.Room),
        NickChanged n => n.User != irc.Username && n.Room is { } room && irc.Hides(room),
        ModerationNotice n => irc.Hides(n.Room),
        HistoryPage { Re: null, Room: { } room } => irc.Hides(room),
        _ => false,
    };

    private void Ok(Ok ok, IrcPending? asked)
    {
        switch (asked?.Kind)
        {
            case "sasl-login":
                LoggedIn(ok);
                irc.Numeric("900", $"{irc.Me}!{ok.User}@{IrcNames.UserHost}", ok.User ?? "", $"You are now logged in as {ok.User}");
                irc.Numeric("903", "SASL authentication successful");
                return;
            case "pass-login" or "guest-login":
                irc.Guest = asked.Kind == "guest-login";
                LoggedIn(ok);
                irc.CompleteRegistration();
                return;
            case "identify":
                LoggedIn(ok);
                irc.Emit(new IrcLine("NOTICE", [irc.Me, $"You are now logged in as {ok.User}."]) { Source = "NickServ!NickServ@services" });
                return;
            case "register":
                irc.Emit(new IrcLine("NOTICE", [irc.Me, $"{asked.Target} is registered; logging you in."]) { Source = "NickServ!NickServ@services" });
                irc.Ask(new Login(asked.Target, asked.Text), new IrcPending("identify", asked.Target));
                return;
            case "nick" when ok.Nick is { } nick:
                Rename(irc.Username!, nick);
                return;
            case "away":
                irc.Numeric("306", "You have been marked as being away");
                return;
            case "back":
                irc.Numeric("305", "You are no longer marked as being away");
                return;
            case "join" when ok.Room is { } joined && !irc.Channels.Contains(IrcNames.Channel(joined)):
                irc.AwaitPage(IrcNames.Channel(joined));
                return;
            case "invite":
                irc.Numeric("341", asked.Text, asked.Target);
                return;
            case "privmsg" when ok.Away is { } away && !asked.Target.StartsWith('#'):
                irc.Numeric("301", asked.Target, away);
                return;
        }
    }

    /// <summary>The account is the chat's from now on; the IRC nick becomes the chat nickname.</summary>
    private void LoggedIn(Ok ok)
    {
        irc.LoginInFlight = false;
        irc.Username = ok.User;
        if (ok.User is null || ok.Nick is null)
            return;
        var nick = irc.Learn(ok.User, ok.Nick);
        if (irc.Registered && irc.Nick != nick)
            irc.Emit(new IrcLine("NICK", [nick]) { Source = $"{irc.Me}!{ok.User}@{IrcNames.UserHost}" });
        irc.Nick = nick;
    }

    private void Rename(string username, string nickname)
    {
        var nick = irc.Learn(username, nickname);
        if (nick == irc.Nick)
            return;
        irc.Emit(new IrcLine("NICK", [nick]) { Source = $"{irc.Me}!{username}@{IrcNames.UserHost}" });
        irc.Nick = nick;
    }

    private void Error(ErrorReply error, IrcPending? asked)
    {
        switch (asked?.Kind)
        {
            case "notice":
                return;
            case "sasl-login":
                irc.LoginInFlight = false;
                irc.Numeric("904", $"SASL authentication failed: {error.Message}");
                return;
            case "pass-login":
                irc.LoginInFlight = false;
                irc.Numeric("464", $"Password incorrect: {error.Message}");
                irc.Close("Bad password");
                return;
            case "guest-login" when error.Code == ErrorCodes.NameTaken:
                // The client picks another nick, as after any 433 while registering.
                irc.LoginInFlight = false;
                irc.Numeric("433", asked.Target, $"Nickname is already in use: {error.Message}");
                return;
            case "guest-login":
                irc.LoginInFlight = false;
                irc.Close($"Closing link: {error.Message}");
                return;
            case "identify" or "register":
                irc.Emit(new IrcLine("NOTICE", [irc.Me, error.Message]) { Source = "NickServ!NickServ@services" });
                return;
            case "nick":
                irc.Numeric(error.Code == ErrorCodes.NickTaken ? "433" : "432", asked.Target, error.Message);
                return;
            case "join":
                irc.Numeric(error.Code switch
                {
                    ErrorCodes.Banned => "474",
                    ErrorCodes.InviteOnly => "473",
                    ErrorCodes.RoomFull or ErrorCodes.TooManyRooms => "405",
                    _ => "403",
                }, asked.Target, error.Message);
                return;
            case "who" or "who-nick" or "who-mask":
                _rosters.Refused(asked);
                return;
            case "names" or "join-names":
                // The chat shows a room's members to its members only: to others it has no names to list.
                irc.Numeric("366", asked.Target, "End of /NAMES list.");
                return;
            case "part" when error.Code is ErrorCodes.NotInRoom or ErrorCodes.NoSuchRoom:
                irc.Numeric("442", asked.Target, "You're not on that channel");
                return;
            case "topic" or "topic-query" or "kick" or "invite" or "mode":
                ModerationRefused(error, asked);
                return;
            case "privmsg" when asked.Target.StartsWith('#'):
                irc.Numeric("404", asked.Target, error.Message);
                return;
            case "privmsg" when error.Code == ErrorCodes.NoSuchUser:
                irc.Numeric("401", asked.Target, "No such nick");
                return;
            case "whois" when error.Code == ErrorCodes.NoSuchUser:
                irc.Numeric("401", asked.Target, "No such nick");
                irc.Numeric("318", asked.Target, "End of /WHOIS list");
                return;
            default:
                irc.Notice($"{error.Code}: {error.Message}");
                return;
        }
    }

    private void ModerationRefused(ErrorReply error, IrcPending asked)
    {
        switch (error.Code)
        {
            case ErrorCodes.NoSuchUser:
                irc.Numeric("401", asked.Text, "No such nick");
                return;
            case ErrorCodes.NotInRoom when asked.Kind is "kick" or "mode" && asked.Text.Length > 0:
                irc.Numeric("441", asked.Text, asked.Target, "They aren't on that channel");
                return;
            case ErrorCodes.NotInRoom:
                irc.Numeric("442", asked.Target, "You're not on that channel");
                return;
            case ErrorCodes.NoSuchRoom or ErrorCodes.BadRoom:
                irc.Numeric("403", asked.Target, "No such channel");
                return;
            default:
                irc.Numeric("482", asked.Target, $"You're not channel operator: {error.Message}");
                return;
        }
    }

    /// <summary>
    /// A room's page on entering it is when an IRC client hears it is in the channel: JOIN, then
    /// (from the room's "who" answer) the topic or 331 and the names, then the newest lines (stamped with their time when the client can read it).
    /// </summary>
    private void Page(HistoryPage page, IrcPending? asked)
    {
        if (asked?.Kind == "chathistory")
        {
            HistoryBatch(page, asked.Target);
            return;
        }
        if (asked?.Kind == "lobby-join" && irc.LobbyShown)
            return; // a second JOIN #lobby while the first was answered
        if (asked?.Kind == "lobby-join")
            irc.LobbyShown = true;
        else if (page.Room is null || asked is not null)
            return;
        var room = page.Room ?? RoomNames.Lobby;
        var channel = IrcNames.Channel(room);
        irc.PageArrived(channel);
        if (irc.Channels.Add(channel))
        {
            irc.EmitAfterRegistration(new IrcLine("JOIN", [channel]) { Source = $"{irc.Me}!{irc.Username}@{IrcNames.UserHost}" });
            irc.Ask(new Who(room), new IrcPending("join-names", channel));
        }
        foreach (var message in page.Messages.OfType<ChatMessage>().TakeLast(ReplayLines))
            RoomMessage(message, replayed: true);
    }

    private int _batches;

    /// <summary>A CHATHISTORY answer: the page's lines, oldest first, in one batch when the client can read batches.</summary>
    private void HistoryBatch(HistoryPage page, string target)
    {
        var batch = irc.Has("batch") ? $"history{++_batches}" : null;
        if (batch is not null)
            irc.Emit(new IrcLine("BATCH", [$"+{batch}", "chathistory", target]) { Source = irc.ServerName });
        foreach (var frame in page.Messages)
        {
            var line = frame switch
            {
                ChatMessage m => LearntRoomLine(m, m.Text),
                DirectMessage d => LearntDirectLine(d, d.Text),
                _ => null,
            };
            if (line is not null)
                irc.Emit(batch is null ? line : line with { Tags = line.Tags.SetItem("batch", batch) });
        }
        if (batch is not null)
            irc.Emit(new IrcLine("BATCH", [$"-{batch}"]) { Source = irc.ServerName });
    }

    private void RoomMessage(ChatMessage message, bool replayed)
    {
        if (message.User == irc.Username && !replayed && !irc.Has("echo-message"))
            return;
        if (!replayed && irc.Registered)
        {
            // The same bytes for every member with the same tags: rendered once per fan-out.
            irc.Learn(message.User, message.Nick);
            irc.EmitEncoded(IrcLiveLines.For(message, IrcLiveLines.TagSetOf(irc)));
            return;
        }
        irc.EmitAfterRegistration(LearntRoomLine(message, replayed && !irc.Has("server-time") ? IrcMessageLines.Dated(message.Ts, message.Text) : message.Text));
    }

    /// <summary>A room message as a line to this client, its sender's nick remembered.</summary>
    private IrcLine LearntRoomLine(ChatMessage message, string text)
    {
        irc.Learn(message.User, message.Nick);
        return IrcMessageLines.Room(message, text, IrcLiveLines.TagSetOf(irc));
    }

    private void Direct(DirectMessage dm, bool replayed)
    {
        if (dm.From == irc.Username && !irc.Has("echo-message"))
            return;
        irc.EmitAfterRegistration(LearntDirectLine(dm, replayed && !irc.Has("server-time") ? IrcMessageLines.Dated(dm.Ts, dm.Text) : dm.Text));
    }

    /// <summary>A direct message as a line to this client: to the peer's nick when it is the client's own, else to the client.</summary>
    private IrcLine LearntDirectLine(DirectMessage dm, string text)
    {
        var nick = irc.Learn(dm.From, dm.Nick);
        var target = dm.From == irc.Username ? irc.NickOf(dm.To) : irc.Me;
        return IrcMessageLines.Direct(dm, nick, target, text, IrcLiveLines.TagSetOf(irc));
    }

    private void Joined(Joined joined)
    {
        var channel = IrcNames.Channel(joined.Room);
        if (joined.User == irc.Username)
            return; // the room's page said it, once per terminal
        var nick = irc.Learn(joined.User, joined.Nick);
        irc.EmitAfterRegistration(new IrcLine("JOIN", [channel]) { Source = $"{nick}!{joined.User}@{IrcNames.UserHost}" });
    }

    private void Left(Left left)
    {
        var channel = IrcNames.Channel(left.Room);
        if (left.User == irc.Username && !irc.Channels.Remove(channel))
            return;
        if (irc.Removed.Remove((channel, left.User)))
            return;
        var nick = irc.Learn(left.User, left.Nick);
        irc.EmitAfterRegistration(new IrcLine("PART", [channel]) { Source = $"{nick}!{left.User}@{IrcNames.UserHost}" });
    }

    private void Renamed(NickChanged renamed)
    {
        if (renamed.User == irc.Username)
        {
            Rename(renamed.User, renamed.Nick);
            return;
        }
        var old = IrcNames.Nick(renamed.User, renamed.Old);
        var nick = irc.Learn(renamed.User, renamed.Nick);
        if (old != nick)
            irc.EmitAfterRegistration(new IrcLine("NICK", [nick]) { Source = $"{old}!{renamed.User}@{IrcNames.UserHost}" });
    }

    private void Presence(Presence presence)
    {
        if (!irc.Has("away-notify") || presence.User == irc.Username)
            return;
        var source = $"{irc.Learn(presence.User, presence.Nick)}!{presence.User}@{IrcNames.UserHost}";
        irc.EmitAfterRegistration(presence.Away is { } away ? new IrcLine("AWAY", [away]) { Source = source } : new IrcLine("AWAY", []) { Source = source });
    }

    private void List(RoomList list, IrcPending? asked)
    {
        if (asked?.Kind == "lusers")
        {
            new IrcServerQueries(irc).Lusers(list);
            return;
        }
        irc.Numeric("321", "Channel", "Users  Name");
        foreach (var room in list.Rooms)
            irc.Numeric("322", IrcNames.Channel(room.Room), room.Members.ToString(CultureInfo.InvariantCulture), "");
        irc.Numeric("323", "End of /LIST");
    }

    private void Whois(WhoisInfo whois, IrcPending? asked)
    {
        if (asked?.Kind == "who-nick")
        {
            _rosters.Whois(whois, asked);
            return;
        }
        var nick = irc.Learn(whois.User, whois.Nick);
        if (!whois.Online)
        {
            irc.Numeric("401", asked?.Target ?? nick, "No such nick (offline)");
            irc.Numeric("318", asked?.Target ?? nick, "End of /WHOIS list");
            return;
        }
        irc.Numeric("311", nick, whois.User, IrcNames.UserHost, "*", whois.Nick);
        irc.Numeric("330", nick, whois.User, "is logged in as");
        if (whois.Away is { } away)
            irc.Numeric("301", nick, away);
        irc.Numeric("318", nick, "End of /WHOIS list");
    }
}
