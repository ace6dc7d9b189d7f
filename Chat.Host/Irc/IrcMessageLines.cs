using System.Collections.Immutable;
using System.Globalization;
using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>
/// A chat message as the IRC line that carries it: PRIVMSG (NOTICE for a notice) with the tags of
/// a tag set (<see cref="IrcLiveLines"/>). The one renderer of room and direct lines, live,
/// replayed on joining or in a CHATHISTORY batch.
/// </summary>
internal static class IrcMessageLines
{
    /// <summary>A room message to its channel: the same for every client with these tags.</summary>
    public static IrcLine Room(ChatMessage message, string text, int tagSet) =>
        Tagged(new IrcLine(Verb(message.Notice), [IrcNames.Channel(message.Room), text]) { Source = IrcNames.Prefix(message.User, message.Nick) },
            tagSet, message.Ts, message.User, $"s{message.Seq}");

    /// <summary>A direct message to <paramref name="target"/>, from its sender under the nick the client knows.</summary>
    public static IrcLine Direct(DirectMessage dm, string senderNick, string target, string text, int tagSet) =>
        Tagged(new IrcLine(Verb(dm.Notice), [target, text]) { Source = $"{senderNick}!{dm.From}@{IrcNames.UserHost}" },
            tagSet, dm.Ts, dm.From, $"d{dm.Id}");

    /// <summary>A replayed line's text for a client without server-time: when it was said, in front.</summary>
    public static string Dated(DateTime ts, string text) => $"[{ts.ToUniversalTime():yyyy-MM-dd HH:mm}] {text}";

    /// <summary>A line sent as a notice arrives as one: clients must not answer a NOTICE automatically.</summary>
    private static string Verb(bool? notice) => notice == true ? "NOTICE" : "PRIVMSG";

    private static IrcLine Tagged(IrcLine line, int tagSet, DateTime time, string account, string messageId)
    {
        var tags = ImmutableDictionary<string, string>.Empty;
        if ((tagSet & IrcLiveLines.MessageTags) != 0)
            tags = tags.SetItem("msgid", messageId);
        if ((tagSet & IrcLiveLines.ServerTime) != 0)
            tags = tags.SetItem("time", time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        if ((tagSet & IrcLiveLines.AccountTag) != 0)
            tags = tags.SetItem("account", account);
        return line with { Tags = tags };
    }
}
