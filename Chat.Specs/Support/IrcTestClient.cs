using System.Net;
using System.Net.Sockets;
using System.Text;
using Chat.Host.Irc;

namespace Chat.Specs.Support;

/// <summary>An IRC client over a real socket, as irssi would be: it writes lines and reads the gateway's lines one at a time.</summary>
public sealed class IrcTestClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly Stream _stream;

    private IrcTestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<IrcTestClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        return new IrcTestClient(tcp);
    }

    /// <summary>Registers with PASS username:password, NICK and USER, and reads up to the end of the MOTD.</summary>
    public static async Task<IrcTestClient> LoggedInAsync(int port, string user, string password)
    {
        var client = await ConnectAsync(port);
        await client.SendAsync($"PASS {user}:{password}", $"NICK {user}", $"USER {user} 0 * :{user}");
        await client.ExpectAsync(line => line.Command == "001");
        await client.ExpectAsync(line => line.Command is "376" or "422");
        return client;
    }

    public async Task SendAsync(params string[] lines)
    {
        foreach (var line in lines)
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
    }

    /// <summary>The next line from the gateway, or null when it closed the connection.</summary>
    public async Task<IrcLine?> NextAsync()
    {
        using var timeout = new CancellationTokenSource(RawClient.Patience);
        var text = await _reader.ReadLineAsync(timeout.Token);
        return text is null ? null : IrcLine.Parse(text) ?? throw new Xunit.Sdk.XunitException($"the gateway sent a line that is not IRC: {text}");
    }

    /// <summary>Reads until a line matches; fails if the connection ends first.</summary>
    public async Task<IrcLine> ExpectAsync(Func<IrcLine, bool> matches)
    {
        var seen = new List<string>();
        while (true)
        {
            IrcLine? next;
            try
            {
                next = await NextAsync();
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException("no matching line came in time; seen:\n" + string.Join('\n', seen));
            }
            var line = next ?? throw new Xunit.Sdk.XunitException("the gateway closed the connection; seen:\n" + string.Join('\n', seen));
            if (matches(line))
                return line;
            seen.Add(line.ToString());
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
