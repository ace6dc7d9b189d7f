using System.Text;
using Chat.Bench.Load;

namespace Chat.Bench.Irc;

/// <summary>
/// IRC as ngircd speaks it: NICK/USER, then JOIN once the server says 001 (welcome); joined is
/// the end of the channel's NAMES list (366). PING is answered so idle runs stay connected.
/// </summary>
/// <remarks>
/// Against our host's IRC gateway (<paramref name="registerPort"/> given), every person has an
/// account: they are registered through the chat protocol before anything is measured, and
/// each client logs in with PASS username:password.
/// </remarks>
internal sealed class IrcDialect(string room, int? registerPort = null) : IDialect
{
    private readonly byte[] _join = Encoding.ASCII.GetBytes($"JOIN #{room}\r\n");
    private readonly byte[] _privmsgPrefix = Encoding.ASCII.GetBytes($"PRIVMSG #{room} :");
    private readonly byte[] _marker = Encoding.ASCII.GetBytes($"PRIVMSG #{room} :b:");

    public string Name => "irc";

    /// <summary>An IRC server does not echo a channel message back to its sender.</summary>
    public int RecipientsPerMessage(int clients) => clients - 1;

    public LoginMethod Login => registerPort is null ? LoginMethod.IrcNick : LoginMethod.IrcPass;

    public Task PrepareAccountsAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken) =>
        registerPort is { } port ? ChatAccounts.RegisterAsync(options with { Servers = null, Host = options.Layout.Servers[0].Address.ToString(), Port = port }, log, cancellationToken) : Task.CompletedTask;

    public (byte[] Bytes, LoginMethod Login) Greeting(LoadClient client, string password) =>
        (Encoding.ASCII.GetBytes((registerPort is null ? "" : $"PASS {client.User}:{password}\r\n") + $"NICK {client.User}\r\nUSER {client.User} 0 * :chat bench\r\n"), Login);

    public HandshakeStep OnHandshakeLine(ReadOnlySpan<byte> line, LoadClient client)
    {
        if (OnPing(line, client))
            return HandshakeStep.Continue;
        var reply = NumericReply(line);
        if (reply.SequenceEqual("001"u8))
            client.Send(_join);
        else if (reply.SequenceEqual("366"u8))
            return HandshakeStep.Joined;
        else if (line.StartsWith("ERROR"u8) || reply.SequenceEqual("433"u8) || reply.SequenceEqual("405"u8))
            return HandshakeStep.Failed;
        return HandshakeStep.Continue;
    }

    public void OnOtherLine(ReadOnlySpan<byte> line, LoadClient client) => OnPing(line, client);

    public int FindBenchText(ReadOnlySpan<byte> line)
    {
        var at = line.IndexOf(_marker);
        return at < 0 ? -1 : at + _marker.Length;
    }

    public int FormatMessage(Span<byte> destination, int sender, long counter, long scheduledTicks) =>
        BenchText.WriteLine(destination, _privmsgPrefix, "\r\n"u8, sender, counter, scheduledTicks);

    private static bool OnPing(ReadOnlySpan<byte> line, LoadClient client)
    {
        if (!line.StartsWith("PING"u8))
            return false;
        Span<byte> pong = stackalloc byte[line.Length + 1];
        "PONG"u8.CopyTo(pong);
        line[4..].TrimEnd((byte)'\r').CopyTo(pong[4..]);
        var length = line[4..].TrimEnd((byte)'\r').Length + 4;
        pong[length] = (byte)'\n';
        client.Send(pong[..(length + 1)]);
        return true;
    }

    /// <summary>The three-digit command of ":server 001 nick ...", or empty.</summary>
    private static ReadOnlySpan<byte> NumericReply(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith(":"u8))
            return default;
        var space = line.IndexOf((byte)' ');
        if (space < 0 || line.Length < space + 4)
            return default;
        return line.Slice(space + 1, 3);
    }
}
