using System.Globalization;

namespace Chat.Tui.Session;

/// <summary>Where the host listens, as the user types it: HOST:PORT, or unix:PATH for its Unix socket.</summary>
public sealed record ServerAddress(string Host, int Port)
{
    public const int DefaultPort = 7777;
    public const string UnixPrefix = "unix:";

    /// <summary>The host binds to loopback by default (the client is run over SSH on the host's box).</summary>
    public static ServerAddress Default { get; } = new("127.0.0.1", DefaultPort);

    /// <summary>The host's Unix socket, when this address names one: the host then knows which local user connects.</summary>
    public string? UnixSocket { get; init; }

    /// <summary>
    /// Without --server: the host's Unix socket when it is there (CHAT_SOCKET, else data.sock, the
    /// host's default beside its default data directory, from the same directory), else loopback TCP.
    /// </summary>
    public static ServerAddress Preferred(Func<string, string?>? environment = null, Func<string, bool>? exists = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        exists ??= File.Exists;
        var socket = environment("CHAT_SOCKET") is { Length: > 0 } named ? named : Path.GetFullPath("data.sock");
        return !OperatingSystem.IsWindows() && exists(socket) ? Unix(socket) : Default;
    }

    public static ServerAddress Unix(string path) => new("localhost", 0) { UnixSocket = path };

    public static bool TryParse(string? text, out ServerAddress address)
    {
        address = Default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        if (text.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            address = Unix(text[UnixPrefix.Length..]);
            return address.UnixSocket!.Length > 0;
        }

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

    public override string ToString() =>
        UnixSocket is { } path ? UnixPrefix + path : Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
