using System.Globalization;
using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>
/// What a client may ask about the server itself: MOTD, VERSION, TIME, INFO, HELP and LUSERS
/// (from the room list: the lobby holds every account, so its members are the users). None
/// needs a login, as on IRC.
/// </summary>
public sealed class IrcServerQueries(IrcConnection irc)
{
    public const string Version = "chat-irc-gateway-1";

    /// <summary>The commands HELP lists.</summary>
    private static readonly string[] Commands =
        ["AWAY", "CAP", "CHATHISTORY", "HELP", "INFO", "INVITE", "JOIN", "KICK", "LIST", "LUSERS", "MODE", "MOTD", "NAMES", "NICK",
         "NOTICE", "PART", "PASS", "PING", "PRIVMSG", "QUIT", "TIME", "TOPIC", "USER", "VERSION", "WHO", "WHOIS"];

    /// <summary>Handles the line when it is one of these queries; false otherwise.</summary>
    public bool TryHandle(IrcLine line)
    {
        switch (line.Command)
        {
            case "MOTD":
                irc.SendMotd();
                return true;
            case "VERSION":
                irc.Numeric("351", Version, irc.ServerName, "The chat's IRC gateway");
                irc.SendIsupport();
                return true;
            case "TIME":
                irc.Numeric("391", irc.ServerName, DateTime.UtcNow.ToString("dddd MMMM dd yyyy -- HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
                return true;
            case "INFO":
                irc.Numeric("371", "The chat's IRC gateway: IRC clients in the same rooms as the chat's own client.");
                irc.Numeric("374", "End of INFO list");
                return true;
            case "HELP" or "HELPOP":
                Help(line.Arg(0).ToUpperInvariant());
                return true;
            case "LUSERS" when irc.Username is not null:
                irc.Ask(new ListRooms(), new IrcPending("lusers"));
                return true;
            case "LUSERS":
                irc.Numeric("251", "There are 0 users and 0 invisible on 1 servers");
                return true;
            default:
                return false;
        }
    }

    private void Help(string topic)
    {
        if (topic.Length > 0 && !Commands.Contains(topic))
        {
            irc.Numeric("524", topic, "No help available on this topic");
            return;
        }
        var subject = topic.Length > 0 ? topic : "*";
        irc.Numeric("704", subject, topic.Length > 0 ? $"{topic}: see docs/irc.md for what the gateway does with it" : "The commands this gateway knows:");
        if (topic.Length == 0)
            foreach (var chunk in Commands.Chunk(10))
                irc.Numeric("705", subject, string.Join(' ', chunk));
        irc.Numeric("706", subject, "End of /HELP");
    }

    /// <summary>LUSERS from the room list: the lobby's members are the chat's users, the rooms its channels.</summary>
    public void Lusers(RoomList list)
    {
        var users = list.Rooms.FirstOrDefault(r => r.Room == RoomNames.Lobby)?.Members ?? 0;
        irc.Numeric("251", $"There are {users} users and 0 invisible on 1 servers");
        irc.Numeric("254", list.Rooms.Count.ToString(CultureInfo.InvariantCulture), "channels formed");
        irc.Numeric("255", $"I have {users} clients and 0 servers");
    }
}
