using System.Net;
using System.Net.Sockets;
using System.Text;
using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui;

/// <summary>
/// A host that misbehaves on purpose, for the faults the real host never commits: lines that are
/// not frames, frames of a type the client does not know, requests never answered. It reads
/// frames with the shared codec and answers each with the lines its script gives (none: a stall).
/// Everything a well-behaved host does is <see cref="LiveHost"/>'s.
/// </summary>
public sealed class ScriptedHost : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ClientFrame, IEnumerable<byte[]>> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];

    /// <param name="script">The lines to send back for each frame a client sends, in order.</param>
    public ScriptedHost(Func<ClientFrame, IEnumerable<byte[]>> script)
    {
        _script = script;
        _listener.Start();
        _ = AcceptAsync();
    }

    public ServerAddress Address => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

    /// <summary>A frame as the real host would write it, answering <paramref name="request"/>.</summary>
    public static byte[] Answer(ClientFrame request, Reply reply) => FrameCodec.Server.Encode(reply with { Re = request.Id });

    public static byte[] Frame(ServerFrame frame) => FrameCodec.Server.Encode(frame);

    /// <summary>Any bytes as one line.</summary>
    public static byte[] Raw(string line) => Encoding.UTF8.GetBytes(line + "\n");

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                lock (_clients)
                    _clients.Add(client);
                _ = ServeAsync(client.GetStream());
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        try
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
            {
                if (FrameCodec.Client.Decode(Encoding.UTF8.GetBytes(line)).Frame is not { } frame)
                    continue;
                foreach (var answer in _script(frame))
                    await stream.WriteAsync(answer, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        lock (_clients)
            _clients.ForEach(c => c.Dispose());
        _stop.Dispose();
    }
}
