using System.Security.Cryptography;
using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Tui;

/// <summary>What the client was started with.</summary>
/// <param name="Tls">Null for plain TCP.</param>
/// <param name="Config">What the configuration file says beyond the server (which flags override).</param>
/// <param name="Server">The host's address, or its nodes' (a cluster): the client fails over between them.</param>
public sealed record ClientOptions(ServerList Server, bool ShowHelp, ClientTls? Tls = null, ClientConfig? Config = null)
{
    /// <summary>A username to fill in on the welcome form (the SSH front door passes the Unix user's).</summary>
    public string? User { get; init; }

    public bool ShowVersion { get; init; }
}

/// <summary>The client's few flags: --server HOST:PORT[,HOST:PORT...], --tls, --pin-cert FILE, --user NAME, --version and --help.</summary>
public static class CommandLine
{
    public static readonly string Usage = $"""
        chat-tui: a full-screen terminal chat client.

        Usage: chat [--server HOST:PORT[,HOST:PORT...]] [--tls] [--pin-cert FILE] [--user NAME] [--version] [--help]

          --server HOST:PORT   the chat host to connect to (default: its Unix socket when
                               there, CHAT_SOCKET or ./data.sock, else {ServerAddress.Default})
          --server A:P,B:P     a cluster's nodes (IPv6 in brackets: [::1]:7777): logs in at the
                               first that answers and, when the link drops, tries them in turn
          --server unix:PATH   the host's Unix socket: the host then knows which local user you are
          --tls                speak TLS; the host's certificate must be trusted and name HOST
          --pin-cert FILE      speak TLS and trust exactly this certificate (PEM or DER), for a
                               host with a self-signed certificate
          --user NAME          fill in NAME as the username on the welcome screen
          --version            print the version and exit
          --help               show this text

        Defaults come from $XDG_CONFIG_HOME/chat/client.conf (~/.config/chat/client.conf) if it
        exists: server = HOST:PORT (or a list), user = NAME, theme = color|mono, bell = on|off.

        In the chat, type !help for commands. F1 shows help, Ctrl+Q quits.
        """;

    /// <param name="config">The configuration file's settings: flags override them.</param>
    public static bool TryParse(string[] args, out ClientOptions options, out string? problem, ClientConfig? config = null)
    {
        config ??= ClientConfig.None;
        var server = config.Server ?? (ServerList)ServerAddress.Preferred();
        var help = false;
        var version = false;
        string? user = null;
        ClientTls? tls = null;
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "-?":
                    help = true;
                    break;
                case "--server" or "-s":
                    if (i + 1 == args.Length)
                        problem = "--server wants HOST:PORT, several as a:7777,b:7777, or unix:PATH after it.";
                    else if (!ServerList.TryParse(args[++i], out server, out var why))
                        problem = $"--server: {why}.";
                    break;
                case "--version":
                    version = true;
                    break;
                case "--user" or "-u":
                    if (i + 1 == args.Length || args[i + 1].Trim().Length == 0)
                        problem = "--user wants a username after it.";
                    else
                        user = args[++i].Trim();
                    break;
                case "--tls":
                    tls ??= new ClientTls();
                    break;
                case "--pin-cert":
                    if (i + 1 == args.Length)
                        problem = "--pin-cert wants a certificate file after it.";
                    else
                        tls = TryLoadPin(args[++i], ref problem);
                    break;
                default:
                    problem = $"Unknown argument \"{args[i]}\".";
                    break;
            }
            if (problem is not null)
                break;
        }
        options = new ClientOptions(server, help, tls, config) { User = user, ShowVersion = version };
        return problem is null;
    }

    private static ClientTls? TryLoadPin(string file, ref string? problem)
    {
        try
        {
            return new ClientTls(TlsClientOptions.LoadPinned(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            problem = $"--pin-cert: cannot read a certificate from \"{file}\" ({e.Message}).";
            return null;
        }
    }
}
