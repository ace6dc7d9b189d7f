using System.Globalization;
using System.Text.RegularExpressions;
using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>A WHO of a mask asks every channel of the connection; the last answer ends the list, and nobody is listed twice.</summary>
public sealed class IrcWhoQuery(string mask, int rooms)
{
    public string Mask { get; } = mask;
    public int Waiting { get; set; } = rooms;
    public HashSet<string> Listed { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Who is where, in IRC terms: NAMES (353/366), WHO (352/315) of a channel, a nick or a mask, and
/// the topic (332/333, or 331) that a JOIN or a TOPIC query shows, all from the rooms' "who"
/// answers (which carry the topic) and the host's "whois".
/// </summary>
public sealed class IrcRosterReplies(IrcConnection irc)
{
    /// <summary>WHO of a channel asks the room; of a nick, the host; of a mask, the rooms the client is in (who else it could see).</summary>
    public void Ask(string target)
    {
        if (IrcNames.Room(target) is { } room)
            irc.Ask(new Who(room), new IrcPending("who", target));
        else if (target.Length > 0 && !IsMask(target))
            irc.Ask(new Whois(irc.UsernameOf(target)), new IrcPending("who-nick", target));
        else if (irc.Channels.Select(IrcNames.Room).OfType<string>().ToList() is { Count: > 0 } rooms)
        {
            var query = new IrcWhoQuery(target.Length == 0 ? "*" : target, rooms.Count);
            foreach (var each in rooms)
                irc.Ask(new Who(each), new IrcPending("who-mask", query.Mask) { Query = query });
        }
        else
            EndOfWho(target.Length == 0 ? "*" : target);
    }

    private static bool IsMask(string target) => target.Contains('*') || target.Contains('?') || target == "0";

    public void Roster(Roster roster, IrcPending? asked)
    {
        var channel = asked?.Target ?? IrcNames.Channel(roster.Room);
        var nicks = roster.Users.Select(m => RolePrefix(m) + irc.Learn(m.User, m.Nick)).ToList();
        switch (asked?.Kind)
        {
            case "topic-query":
                Topic(roster, channel, irc.Numeric);
                return;
            case "who":
                foreach (var member in roster.Users)
                    WhoReply(channel, member.User, member.Nick, member.Away is not null, RolePrefix(member));
                EndOfWho(channel);
                return;
            case "who-mask":
                Matching(roster, asked);
                return;
            case "join-names":
                Topic(roster, channel, (code, parameters) => irc.EmitAfterRegistration(new IrcLine(code, [irc.Me, .. parameters]) { Source = irc.ServerName }));
                break;
        }
        // Lines of names short enough for any client's 512-byte limit.
        foreach (var chunk in nicks.Chunk(20))
            irc.EmitAfterRegistration(new IrcLine("353", [irc.Me, "=", channel, string.Join(' ', chunk)]) { Source = irc.ServerName });
        irc.EmitAfterRegistration(new IrcLine("366", [irc.Me, channel, "End of /NAMES list."]) { Source = irc.ServerName });
    }

    /// <summary>WHO of a nick: the person when online (the chat has no invisible users), then the end.</summary>
    public void Whois(WhoisInfo whois, IrcPending asked)
    {
        if (whois.Online)
            WhoReply("*", whois.User, whois.Nick, whois.Away is not null, "");
        EndOfWho(asked.Target);
    }

    /// <summary>A WHO the host refused (no such user; a room left meanwhile): the list still ends.</summary>
    public void Refused(IrcPending asked)
    {
        if (asked.Query is { } query)
            CountDown(query);
        else
            EndOfWho(asked.Target);
    }

    private void Matching(Roster roster, IrcPending asked)
    {
        var query = asked.Query!;
        var pattern = Glob(query.Mask);
        foreach (var member in roster.Users)
        {
            var nick = IrcNames.Nick(member.User, member.Nick);
            if (query.Listed.Contains(member.User) || !(pattern.IsMatch(nick) || pattern.IsMatch(member.User) || pattern.IsMatch($"{nick}!{member.User}@{IrcNames.UserHost}")))
                continue;
            query.Listed.Add(member.User);
            WhoReply(IrcNames.Channel(roster.Room), member.User, member.Nick, member.Away is not null, RolePrefix(member));
        }
        CountDown(query);
    }

    private void CountDown(IrcWhoQuery query)
    {
        if (--query.Waiting == 0)
            EndOfWho(query.Mask);
    }

    /// <summary>An IRC mask: <c>*</c> any run of characters, <c>?</c> one, letters in either case ("0" is everyone).</summary>
    private static Regex Glob(string mask) => mask == "0"
        ? new Regex("", RegexOptions.NonBacktracking)
        : new Regex("^" + Regex.Escape(mask).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private void WhoReply(string channel, string user, string nickname, bool away, string prefix) =>
        irc.Numeric("352", channel, user, IrcNames.UserHost, irc.ServerName, irc.Learn(user, nickname), (away ? "G" : "H") + prefix, $"0 {nickname}");

    private void EndOfWho(string mask) => irc.Numeric("315", mask, "End of WHO list");

    /// <summary>RPL_TOPIC and RPL_TOPICWHOTIME, or RPL_NOTOPIC: what a JOIN or a TOPIC query says of the topic.</summary>
    private void Topic(Roster roster, string channel, Action<string, string[]> numeric)
    {
        if (roster.Topic is not { } topic)
        {
            numeric("331", [channel, "No topic is set"]);
            return;
        }
        numeric("332", [channel, topic]);
        if (roster.TopicBy is { } by && roster.TopicAt is { } at)
            numeric("333", [channel, $"{irc.NickOf(by)}!{by}@{IrcNames.UserHost}", new DateTimeOffset(at.ToUniversalTime()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)]);
    }

    /// <summary>A room's owner and operators are its channel operators.</summary>
    private static string RolePrefix(Member member) => member.Role is null ? "" : "@";
}
