using System.Net;
using Akka.Configuration;

namespace Chat.Host.Hosting;

/// <summary>The IRC gateway's listener: off unless a port is given; loopback unless told otherwise.</summary>
/// <param name="Port">Null when the gateway is off.</param>
/// <param name="Guests">Whether a client that registers without credentials is let in as a guest (docs/irc.md, "Guests").</param>
/// <param name="AutoJoinLobby">Whether an IRC client is shown in #lobby from the start, or only once it joins it (docs/irc.md, "The lobby").</param>
public sealed record IrcSettings(int? Port, IPAddress Listen, bool Guests = false, bool AutoJoinLobby = true)
{
    /// <summary>HOCON chat.irc.port, chat.irc.listen, chat.irc.guests and chat.irc.auto-join-lobby, with --irc-port over them.</summary>
    public static IrcSettings From(Config chat, ChatHostOptions options, bool hasTls)
    {
        var port = options.IrcPort ?? chat.GetInt("irc.port", 0);
        if (port is < 0 or > 65535)
            throw new ArgumentException($"chat.irc.port must be from 0 (off) to 65535, not {port}");
        var listenText = chat.GetString("irc.listen", "127.0.0.1");
        if (!IPAddress.TryParse(listenText, out var listen))
            throw new ArgumentException($"chat.irc.listen \"{listenText}\" is not an IP address");
        if (port != 0 && !IPAddress.IsLoopback(listen) && !hasTls && !options.Insecure)
            throw new ArgumentException(
                $"the IRC gateway on {listen} without TLS would send passwords across the network in clear text: set chat.tls.certificate, or pass --insecure to do it anyway");
        return new IrcSettings(port == 0 ? null : port, listen, chat.GetBoolean("irc.guests", false), chat.GetBoolean("irc.auto-join-lobby", true));
    }
}
