using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Chat.Protocol;
using Chat.Tui.Session;

namespace Chat.Specs.Tui;

/// <summary>
/// A small host on a loopback port that speaks just enough of the protocol, through the shared
/// codec, for client specs: accounts, login, the lobby, DMs, nicknames, and plain answers to
/// joins, room lists, history, read marks, away and whois. Real sockets, no mocks
/// of the client. Specs can push frames, drop every link, and stop/start listening.
/// </summary>
/// <remarks>
/// Its awaits are ConfigureAwait(false): headless view specs leave Terminal.Gui's
/// SynchronizationContext on threads, and a read completing after that app is gone would be
/// posted to it and crash the test process.
/// </remarks>
public sealed class FakeHost : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, string> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly CancellationTokenSource _stop = new();
    private TcpListener _listener;
    private long _seq;

    public FakeHost()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new ServerAddress("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
        _ = AcceptAsync(_listener);
    }

    public ServerAddress Address { get; }

    public int MinimumPasswordLength { get; set; } = 8;

    /// <summary>Every frame clients sent, in order: specs check what went over the wire.</summary>
    public ConcurrentQueue<ClientFrame> Received { get; } = new();

    public void AddAccount(string user, string password) => _accounts[user] = password;

    /// <summary>Who said !away, and why; a DM's ok to them carries the reason.</summary>
    public ConcurrentDictionary<string, string> AwayReasons { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What a history request gets (one complete page); nothing unless a spec says.</summary>
    public Func<HistoryRequest, IReadOnlyList<ServerFrame>>? HistoryFor { get; set; }

    public IEnumerable<string> Online => _links.Keys.Where(l => l.User is not null).Select(l => l.User!);

    /// <summary>Sends an event to every logged-in client.</summary>
    public Task BroadcastAsync(ServerFrame frame) =>
        Task.WhenAll(_links.Keys.Where(l => l.User is not null).Select(l => l.SendAsync(frame)));

    public Task SayAsync(string user, string nick, string text) =>
        BroadcastAsync(new ChatMessage(RoomNames.Lobby, user, nick, text, Interlocked.Increment(ref _seq), DateTime.UtcNow));

    public async Task SendDirectAsync(string from, string nick, string to, string text)
    {
        var frame = new DirectMessage(from, nick, to, text, Interlocked.Increment(ref _seq), DateTime.UtcNow);
        foreach (var link in _links.Keys.Where(l => string.Equals(l.User, to, StringComparison.OrdinalIgnoreCase)))
            await link.SendAsync(frame).ConfigureAwait(false);
    }

    /// <summary>For the synchronous Terminal.Gui specs.</summary>
    public void Broadcast(ServerFrame frame) => BroadcastAsync(frame).GetAwaiter().GetResult();

    public void Say(string user, string nick, string text) => SayAsync(user, nick, text).GetAwaiter().GetResult();

    public void SendDirect(string from, string nick, string to, string text) => SendDirectAsync(from, nick, to, text).GetAwaiter().GetResult();

    /// <summary>Stops listening and cuts every link: the host "goes away".</summary>
    public void GoAway()
    {
        _listener.Stop();
        foreach (var link in _links.Keys)
            link.Close();
    }

    /// <summary>Listens again on the same port: the host "is back".</summary>
    public void ComeBack()
    {
        _listener = new TcpListener(IPAddress.Loopback, Address.Port);
        _listener.Start();
        _ = AcceptAsync(_listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                var link = new Link(client);
                _links[link] = 0;
                _ = ServeAsync(link);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(Link link)
    {
        var framer = new LineFramer(64 * 1024);
        try
        {
            while (true)
            {
                var result = await link.Reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (framer.TryReadLine(ref buffer, out var line) == LineStatus.Line)
                {
                    if (FrameCodec.Client.Decode(line).Frame is { } frame)
                    {
                        Received.Enqueue(frame);
                        await AnswerAsync(link, frame).ConfigureAwait(false);
                    }
                }
                link.Reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _links.TryRemove(link, out _);
            link.Close();
            if (link.User is { } user)
                await BroadcastAsync(new Left(RoomNames.Lobby, user, link.Nick!)).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(Link link, ClientFrame frame)
    {
        var re = frame.Id;
        switch (frame)
        {
            case Hello:
                await link.SendAsync(new Welcome(FrameCodec.ProtocolVersion, "fake-host", "hello from the spec") { Re = re }).ConfigureAwait(false);
                break;
            case Register register when _accounts.ContainsKey(register.User):
                await link.SendAsync(new ErrorReply(ErrorCodes.NameTaken, "that name is taken") { Re = re }).ConfigureAwait(false);
                break;
            case Register register when register.Password.Length < MinimumPasswordLength:
                await link.SendAsync(new ErrorReply(ErrorCodes.WeakPassword, $"at least {MinimumPasswordLength} characters") { Re = re }).ConfigureAwait(false);
                break;
            case Register register:
                _accounts[register.User] = register.Password;
                await link.SendAsync(new Ok { Re = re }).ConfigureAwait(false);
                break;
            case Login login when _accounts.TryGetValue(login.User, out var password) && password == login.Password:
                link.User = login.User;
                link.Nick = login.User;
                await link.SendAsync(new Ok { Re = re, User = login.User, Nick = login.User }).ConfigureAwait(false);
                await BroadcastAsync(new Joined(RoomNames.Lobby, login.User, login.User)).ConfigureAwait(false);
                break;
            case Login:
                await link.SendAsync(new ErrorReply(ErrorCodes.BadCredentials, "wrong username or password") { Re = re }).ConfigureAwait(false);
                break;
            case Who:
                var members = _links.Keys.Where(l => l.User is not null).Select(l => new Member(l.User!, l.Nick!) { Away = AwayReasons.GetValueOrDefault(l.User!) }).ToList();
                await link.SendAsync(new Roster(RoomNames.Lobby, members) { Re = re }).ConfigureAwait(false);
                break;
            case Say say:
                var seq = Interlocked.Increment(ref _seq);
                await link.SendAsync(new Ok { Re = re, Seq = seq }).ConfigureAwait(false);
                await BroadcastAsync(new ChatMessage(say.Room, link.User!, link.Nick!, say.Text, seq, DateTime.UtcNow)).ConfigureAwait(false);
                break;
            case SendDirect dm when !Online.Contains(dm.To, StringComparer.OrdinalIgnoreCase) && !_accounts.ContainsKey(dm.To):
                await link.SendAsync(new ErrorReply(ErrorCodes.NoSuchUser, $"no user {dm.To}") { Re = re }).ConfigureAwait(false);
                break;
            case SendDirect dm:
                var id = Interlocked.Increment(ref _seq);
                await link.SendAsync(new Ok { Re = re, Dm = id, Away = AwayReasons.GetValueOrDefault(dm.To) }).ConfigureAwait(false);
                var direct = new DirectMessage(link.User!, link.Nick!, dm.To, dm.Text, id, DateTime.UtcNow);
                foreach (var peer in _links.Keys.Where(l => l.User is { } u && (u.Equals(dm.To, StringComparison.OrdinalIgnoreCase) || u == link.User)))
                    await peer.SendAsync(direct).ConfigureAwait(false);
                break;
            case ChangeNick nick:
                var old = link.Nick!;
                link.Nick = nick.Nick;
                await link.SendAsync(new Ok { Re = re, Nick = nick.Nick }).ConfigureAwait(false);
                await BroadcastAsync(new NickChanged(link.User!, old, nick.Nick)).ConfigureAwait(false);
                break;
            case Ping:
                await link.SendAsync(new Pong { Re = re }).ConfigureAwait(false);
                break;
            case Join join:
                await link.SendAsync(new Ok { Re = re, Room = join.Room.TrimStart('#').ToLowerInvariant() }).ConfigureAwait(false);
                break;
            case Leave leave:
                await link.SendAsync(new Ok { Re = re, Room = leave.Room }).ConfigureAwait(false);
                break;
            case ListRooms:
                await link.SendAsync(new RoomList([new RoomInfo("dev", 2), new RoomInfo(RoomNames.Lobby, 3)]) { Re = re }).ConfigureAwait(false);
                break;
            case HistoryRequest history:
                await link.SendAsync(new HistoryPage(HistoryFor?.Invoke(history) ?? [], Complete: true) { Re = re, Room = history.Room, With = history.With }).ConfigureAwait(false);
                break;
            case MarkRead read:
                await link.SendAsync(new Ok { Re = re }).ConfigureAwait(false);
                await link.SendAsync(new ReadMark(read.Upto) { Room = read.Room, With = read.With }).ConfigureAwait(false);
                break;
            case SetAway away:
                AwayReasons[link.User!] = away.Reason ?? "";
                await link.SendAsync(new Ok { Re = re }).ConfigureAwait(false);
                await BroadcastAsync(new Presence(link.User!, link.Nick!) { Away = away.Reason ?? "" }).ConfigureAwait(false);
                break;
            case Back:
                AwayReasons.TryRemove(link.User!, out _);
                await link.SendAsync(new Ok { Re = re }).ConfigureAwait(false);
                await BroadcastAsync(new Presence(link.User!, link.Nick!)).ConfigureAwait(false);
                break;
            case Whois whois when _accounts.ContainsKey(whois.User):
                await link.SendAsync(new WhoisInfo(whois.User, whois.User, Online.Contains(whois.User, StringComparer.OrdinalIgnoreCase)) { Re = re, Since = new DateTime(2026, 11, 24, 7, 0, 0, DateTimeKind.Utc) }).ConfigureAwait(false);
                break;
            case Whois:
                await link.SendAsync(new ErrorReply(ErrorCodes.NoSuchUser, "no such user") { Re = re }).ConfigureAwait(false);
                break;
            case Logout:
                await link.SendAsync(new Ok { Re = re }).ConfigureAwait(false);
                link.Close();
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        GoAway();
        _stop.Dispose();
    }

    /// <summary>For synchronous specs (the Terminal.Gui ones stay on one thread).</summary>
    public void Dispose() => DisposeAsync().AsTask().Wait();

    private sealed class Link(TcpClient client)
    {
        private readonly PipeWriter _writer = PipeWriter.Create(client.GetStream());
        private readonly SemaphoreSlim _writeLock = new(1, 1);

        public PipeReader Reader { get; } = PipeReader.Create(client.GetStream());
        public string? User { get; set; }
        public string? Nick { get; set; }

        public async Task SendAsync(ServerFrame frame)
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                FrameCodec.Server.Encode(frame, _writer);
                await _writer.FlushAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
            }
            finally
            {
                _writeLock.Release();
            }
        }

        public void Close() => client.Dispose();
    }
}
