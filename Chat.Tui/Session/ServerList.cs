namespace Chat.Tui.Session;

/// <summary>
/// The addresses of the host's nodes, as the user gives them: <c>a:7777,b:7777</c> (HOST:PORT
/// each, IPv6 in brackets), or one address. A cluster's nodes are one chat, so the client may be
/// on any of them: it logs in at the first that answers and, when that link drops, tries the
/// others in turn (<see cref="Reconnection"/>).
/// </summary>
public sealed record ServerList
{
    private readonly ServerAddress[] _addresses;

    private ServerList(ServerAddress[] addresses) => _addresses = addresses;

    /// <summary>One address is a list of one: a single host is a cluster of one.</summary>
    public static implicit operator ServerList(ServerAddress single) => new([single]);

    public int Count => _addresses.Length;

    public ServerAddress this[int index] => _addresses[index];

    public IReadOnlyList<ServerAddress> Addresses => _addresses;

    /// <summary>Where <paramref name="address"/> is in the list; -1 when it is not.</summary>
    public int IndexOf(ServerAddress address) => Array.IndexOf(_addresses, address);

    /// <summary>Reads a list; <paramref name="problem"/> says, in plain words, what is wrong with a bad one.</summary>
    public static bool TryParse(string? text, out ServerList list, out string? problem)
    {
        list = ServerAddress.Default;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "no server address given (HOST:PORT, or several as a:7777,b:7777)";
            return false;
        }
        text = text.Trim();
        // A socket path is taken whole: a path may hold a comma.
        if (text.StartsWith(ServerAddress.UnixPrefix, StringComparison.Ordinal))
            return TryParseOne(text, 0, out list, out problem);

        var parts = text.Split(',');
        var addresses = new List<ServerAddress>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                problem = $"the address list \"{text}\" has an empty place (number {i + 1}); separate addresses with single commas";
                return false;
            }
            if (part.StartsWith(ServerAddress.UnixPrefix, StringComparison.Ordinal))
            {
                problem = $"\"{part}\" is a Unix socket, which is on this box only: give it alone, not in a list";
                return false;
            }
            if (!TryParseOne(part, parts.Length == 1 ? 0 : i + 1, out var one, out problem))
                return false;
            if (addresses.Contains(one[0]))
            {
                problem = $"\"{part}\" is named twice in \"{text}\"";
                return false;
            }
            addresses.Add(one[0]);
        }
        list = new ServerList([.. addresses]);
        return true;
    }

    /// <param name="place">Its place in a list, from 1; 0 when it is the only address.</param>
    private static bool TryParseOne(string text, int place, out ServerList list, out string? problem)
    {
        list = ServerAddress.Default;
        problem = null;
        // Without brackets the colons of an IPv6 address cannot be told from the port's.
        if (!text.StartsWith('[') && !text.StartsWith(ServerAddress.UnixPrefix, StringComparison.Ordinal) && text.Count(c => c == ':') > 1
            && text.All(c => Uri.IsHexDigit(c) || c is ':' or '.'))
        {
            problem = $"\"{text}\" looks like an IPv6 address: write it in brackets, with its port after them, as in [::1]:7777";
            return false;
        }
        if (!ServerAddress.TryParse(text, out var address))
        {
            problem = place == 0
                ? $"\"{text}\" is not HOST:PORT (a port from 1 to 65535) or unix:PATH"
                : $"address number {place}, \"{text}\", is not HOST:PORT (a port from 1 to 65535)";
            return false;
        }
        list = address;
        return true;
    }

    public bool Equals(ServerList? other) => other is not null && _addresses.SequenceEqual(other._addresses);

    public override int GetHashCode() => _addresses.Aggregate(0, (hash, address) => HashCode.Combine(hash, address));

    public override string ToString() => string.Join(",", _addresses.Select(a => a.ToString()));
}
