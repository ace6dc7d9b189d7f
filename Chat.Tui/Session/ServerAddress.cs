using System.Globalization;

namespace Chat.Tui.Session;

/// <summary>Where the host listens, as the user types it: HOST:PORT.</summary>
public sealed record ServerAddress(string Host, int Port)
{
    public const int DefaultPort = 7777;

    /// <summary>The host binds to loopback by default (the client is run over SSH on the host's box).</summary>
    public static ServerAddress Default { get; } = new("127.0.0.1", DefaultPort);

    public static bool TryParse(string? text, out ServerAddress address)
    {
        address = Default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();

        // "[::1]:7777" for IPv6; otherwise the last colon separates the port.
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0)
                return false;
            host = text[1..close];
            if (close + 1 < text.Length)
            {
                if (text[close + 1] != ':')
                    return false;
                port = text[(close + 2)..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        if (host.Length == 0)
            return false;
        var portNumber = DefaultPort;
        if (port is not null
            && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber is < 1 or > 65535))
            return false;
        address = new ServerAddress(host, portNumber);
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
