using System.Collections.Concurrent;

namespace Chat.Host.Irc;

/// <summary>
/// Whose nick is whose, for every IRC connection of this node: learnt from what the host says
/// (joins, messages, rosters, whois), read when a client names someone by nick. One book per
/// node, not per connection: a nickname is the same for everyone, and each of 2,000 IRC
/// connections in one channel keeping its own copy of all 2,000 members was 400 KiB per
/// connection (docs/benchmarks.md, "The IRC gateway against ngircd").
/// </summary>
public sealed class IrcNickBook
{
    private readonly ConcurrentDictionary<string, string> _usernamesByNick = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _nicksByUsername = new(StringComparer.Ordinal);

    /// <summary>Remembers whose nick this is, so a message to the nick reaches the account; returns the nick IRC shows.</summary>
    public string Learn(string username, string nickname)
    {
        var nick = IrcNames.Nick(username, nickname);
        // Known already (the common case, once per member per line): nothing is written or kept twice.
        if (_nicksByUsername.TryGetValue(username, out var known) && known == nick)
            return known;
        _usernamesByNick[nick] = username;
        _nicksByUsername[username] = nick;
        return nick;
    }

    public string NickOf(string username) => _nicksByUsername.GetValueOrDefault(username) ?? username;

    public string UsernameOf(string nick) => _usernamesByNick.GetValueOrDefault(nick) ?? nick.ToLowerInvariant();
}
