using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Chat.Protocol;

namespace Chat.Specs.Support;

/// <summary>
/// A protocol client with nothing of the real client in it: raw lines over a real socket, as
/// someone typing into nc would. Frames that arrive while waiting for another are kept in order,
/// so a test can wait for a reply and still check the events around it.
/// </summary>
public sealed class RawClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly StreamReader _reader;
    private readonly List<ServerFrame> _unclaimed = [];
    private long _nextId;

    /// <summary>The longest line the host sent so far, in bytes with its terminator.</summary>
    public int LargestLineBytes { get; private set; }

    private RawClient(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    /// <param name="receiveBufferBytes">A small kernel receive buffer makes a client that stops reading fill up quickly.</param>
    public static async Task<RawClient> ConnectAsync(IPEndPoint endpoint, int? receiveBufferBytes = null)
    {
        var tcp = new TcpClient();
        if (receiveBufferBytes is { } bytes)
            tcp.ReceiveBufferSize = bytes;
        await tcp.ConnectAsync(endpoint);
        return new RawClient(tcp, tcp.GetStream());
    }

    /// <summary>Connects over the host's Unix domain socket.</summary>
    public static async Task<RawClient> ConnectUnixAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        var tcp = new TcpClient();
        tcp.Client.Dispose();
        tcp.Client = socket;
        return new RawClient(tcp, new NetworkStream(socket, ownsSocket: true));
    }

    /// <summary>Connects and speaks TLS, authenticating the host as the options say.</summary>
    public static async Task<RawClient> ConnectTlsAsync(IPEndPoint endpoint, SslClientAuthenticationOptions tls)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);
        var ssl = new SslStream(tcp.GetStream());
        try
        {
            await ssl.AuthenticateAsClientAsync(tls);
        }
        catch
        {
            await ssl.DisposeAsync();
            tcp.Dispose();
            throw;
        }
        return new RawClient(tcp, ssl);
    }

    /// <summary>
    /// Connects, says hello, logs in, and waits until the user is in the lobby (its page came),
    /// leaving the frames for later expectations. The login's "ok" goes before the user enters
    /// their rooms: without the wait, a user logged in "after" this one could enter the lobby
    /// first, and this one would never see them join (they were there already).
    /// </summary>
    public static async Task<RawClient> LoggedInAsync(TestHost host, string user, string password)
    {
        var client = await host.ConnectAsync();
        await client.HelloAsync();
        Assert.IsType<Ok>(await client.RequestAsync(new Login(user, password)));
        await client.WaitForAsync<HistoryPage>(page => page.Room == RoomNames.Lobby);
        return client;
    }

    public async Task SendLineAsync(string line) => await SendBytesAsync(Encoding.UTF8.GetBytes(line + "\n"));

    public async Task SendBytesAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    public async Task<Welcome> HelloAsync() => Assert.IsType<Welcome>(await RequestAsync(new Hello(1, "specs")));

    /// <summary>Sends the frame with a fresh id and waits for the reply carrying it (<see cref="Patience"/> unless told otherwise).</summary>
    public async Task<Reply> RequestAsync(ClientFrame frame, TimeSpan? patience = null) => await ExpectReplyAsync(await SendAsync(frame), patience);

    /// <summary>Sends the frame with a fresh id without waiting: for pipelining, with <see cref="ExpectReplyAsync"/>.</summary>
    public async Task<RequestId> SendAsync(ClientFrame frame)
    {
        var id = RequestId.FromNumber(Interlocked.Increment(ref _nextId));
        await SendBytesAsync(FrameCodec.Client.Encode(frame with { Id = id }));
        return id;
    }

    public Task<Reply> ExpectReplyAsync(RequestId id, TimeSpan? patience = null) => ExpectAsync<Reply>(reply => reply.Re == id, patience);

    public async Task<ErrorReply> ExpectErrorAsync(ClientFrame frame, string code)
    {
        var error = Assert.IsType<ErrorReply>(await RequestAsync(frame));
        Assert.Equal(code, error.Code);
        return error;
    }

    /// <summary>The first frame of type T matching the condition, already received or yet to come within <paramref name="patience"/> (<see cref="Patience"/> when null).</summary>
    public async Task<T> ExpectAsync<T>(Func<T, bool>? matches = null, TimeSpan? patience = null) where T : ServerFrame
    {
        var within = patience ?? Patience;
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            var index = _unclaimed.FindIndex(f => f is T t && (matches?.Invoke(t) ?? true));
            if (index >= 0)
            {
                var found = (T)_unclaimed[index];
                _unclaimed.RemoveAt(index);
                return found;
            }
            ServerFrame? frame;
            try
            {
                frame = await ReadFrameAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Say what did come: a timeout alone does not tell a lost frame from a late one.
                throw new Xunit.Sdk.XunitException(
                    $"no {typeof(T).Name} as expected within {within.TotalSeconds:0} s; unclaimed: {string.Join(", ", _unclaimed.TakeLast(12).Select(f => f.ToString()[..Math.Min(120, f.ToString().Length)]))}");
            }
            _unclaimed.Add(frame ?? throw new Xunit.Sdk.XunitException($"connection closed while waiting for {typeof(T).Name}"));
        }
    }

    /// <summary>The first frame of type T already received and not yet claimed, or null; never waits.</summary>
    public T? TryTake<T>() where T : ServerFrame
    {
        var index = _unclaimed.FindIndex(f => f is T);
        if (index < 0)
            return null;
        var found = (T)_unclaimed[index];
        _unclaimed.RemoveAt(index);
        return found;
    }

    /// <summary>Reads until a frame of type T matching the condition has arrived, and leaves it for a later ExpectAsync.</summary>
    public async Task WaitForAsync<T>(Func<T, bool>? matches = null) where T : ServerFrame
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!_unclaimed.Exists(f => f is T t && (matches?.Invoke(t) ?? true)))
            _unclaimed.Add(await ReadFrameAsync(timeout.Token)
                ?? throw new Xunit.Sdk.XunitException($"connection closed while waiting for {typeof(T).Name}"));
    }

    /// <summary>Proves a negative by a round trip: after a ping's pong, nothing of the kind had arrived.</summary>
    public async Task AssertNoneAsync<T>(Func<T, bool>? matches = null) where T : ServerFrame
    {
        await RequestAsync(new Ping());
        Assert.DoesNotContain(_unclaimed, f => f is T t && (matches?.Invoke(t) ?? true));
    }

    /// <summary>True when the host closed the connection (read returns end of stream).</summary>
    public async Task<bool> ClosedByHostAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (await ReadFrameAsync(timeout.Token) is not null)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private async Task<ServerFrame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken);
        if (line is null)
            return null;
        LargestLineBytes = Math.Max(LargestLineBytes, Encoding.UTF8.GetByteCount(line) + 1);
        var decoded = FrameCodec.Server.Decode(Encoding.UTF8.GetBytes(line));
        return decoded.Frame ?? throw new Xunit.Sdk.XunitException($"host sent an unreadable line ({decoded.ErrorMessage}): {line}");
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
