using System.Net.Sockets;
using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>
/// The session's link to the host: connects, says hello, registers or logs in, keeps what it
/// needs to come back (a one-use resume token first, the password in memory after), reconnects
/// with back-off when the link drops (to the host's other nodes in turn, when it was given
/// several: <see cref="Reconnection"/>), and logs out. It knows nothing of conversations or people:
/// it tells the view-model what happened through the dispatcher (so its events, like every state
/// change, happen on the views' thread) and passes on every frame that is not a reply.
/// </summary>
public sealed class HostLink : IAsyncDisposable
{
    private const string ClientName = "chat-tui";

    private readonly SessionOptions _options;
    private readonly CancellationTokenSource _life = new();
    // Shared by the session's successive connections: the host's gate for the user outlives one.
    private readonly SendAllowance _allowance;
    private ChatConnection? _connection;
    // Replaced, never changed: by the reconnect loop while the link is down, by a login otherwise.
    private Reconnection _reconnection;
    private Credentials? _credentials;
    // The host's one-use token from the last login, in memory only; it spares the host the password hash.
    private string? _resumeToken;
    private bool _quitting;
    private Task? _quit;
    private volatile bool _disposed;

    /// <summary>Kept in memory only, so that a dropped link can log in again by itself; <paramref name="Peer"/>: by peer login, as the Unix user.</summary>
    private sealed record Credentials(string User, string Password, bool Peer = false);

    public HostLink(ServerList servers, SessionOptions options)
    {
        _reconnection = new Reconnection(servers, options.Reconnect);
        Server = servers[0];
        _options = options;
        _allowance = new SendAllowance(options.Pace);
    }

    /// <summary>Status, the reconnect attempt or the login error changed.</summary>
    public event Action? Changed;

    /// <summary>A login went through, the first or after a reconnect.</summary>
    public event Action<LoggedIn>? LoggedIn;

    /// <summary>A logged-in link dropped and reconnecting has begun.</summary>
    public event Action? Lost;

    /// <summary>Reconnecting stopped for good, for the reason given.</summary>
    public event Action<string>? GaveUp;

    /// <summary>An event from the host (a frame that answers no request of ours).</summary>
    public event Action<ServerFrame>? FrameReceived;

    /// <summary>The host's addresses (its nodes) to log in at and come back to; the welcome form may change them before logging in.</summary>
    public ServerList Servers
    {
        get => _reconnection.Servers;
        set => (_reconnection, Server) = (new Reconnection(value, _options.Reconnect), value[0]);
    }

    /// <summary>The address the link is on; while reconnecting, the one the next attempt tries.</summary>
    public ServerAddress Server { get; private set; }

    public ConnectionStatus Status { get; private set; }

    /// <summary>While reconnecting: which attempt is next, where and how long it waits first; null while logged in.</summary>
    public ReconnectTry? NextTry { get; private set; }

    /// <summary>
    /// The Unix user the host would log this client in as without a password (its welcome's
    /// peer_login, over its Unix socket only), as last asked by <see cref="CheckPeerLoginAsync"/>; null when not offered.
    /// </summary>
    public string? PeerLoginOffer { get; private set; }

    /// <summary>Why the last log-in or registration failed, in plain words; null when it did not.</summary>
    public string? LoginError { get; private set; }

    public bool IsConnected => _connection is not null && Status == ConnectionStatus.Connected;

    /// <summary>
    /// Sends a request; its reply is applied through the dispatcher in the order the host sent it
    /// among the events. The frame is written in call order (lines typed quickly reach the host in
    /// the order typed). The task ends with the reply, or an IOException when the link ended first.
    /// </summary>
    public Task<Reply> RequestAsync(ClientFrame frame, Action<Reply> onReply) =>
        _connection is { } connection
            ? connection.RequestAsync(frame, _options.RequestTimeout, onArrival: reply => Post(() => onReply(reply)))
            : Task.FromException<Reply>(new IOException("not connected"));

    /// <summary>
    /// Hands a state change to the dispatcher. After disposal the UI that received changes may be
    /// gone (app.Invoke then throws on whatever thread the socket called from), so late network
    /// events are dropped.
    /// </summary>
    public void Post(Action change)
    {
        if (!_disposed)
            _options.Dispatch(change);
    }

    /// <summary>Logs in; returns why it failed, or null on success (<see cref="LoginError"/> says the same).</summary>
    public Task<string?> LogInAsync(string user, string password) => EnterAsync(user, password, register: false);

    /// <summary>Registers the account and then logs in with it.</summary>
    public Task<string?> RegisterAsync(string user, string password) => EnterAsync(user, password, register: true);

    /// <summary>Logs in without a password as the Unix user the host's socket knows (peer login), when the host offers it.</summary>
    public Task<string?> PeerLogInAsync() => EnterAsync("", "", register: false, peer: true);

    /// <summary>Asks the host (over its Unix socket only) whether it offers peer login; sets <see cref="PeerLoginOffer"/>.</summary>
    public async Task CheckPeerLoginAsync()
    {
        string? offer = null;
        if (Server.UnixSocket is not null)
        {
            try
            {
                var (connection, welcome) = await OpenAsync(Server).ConfigureAwait(false);
                offer = welcome?.PeerLogin;
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (IsLinkFailure(e))
            {
                // No host there (yet): nothing is offered; logging in will say why.
            }
        }
        Post(() =>
        {
            PeerLoginOffer = offer;
            Changed?.Invoke();
        });
    }

    private async Task<string?> EnterAsync(string user, string password, bool register, bool peer = false)
    {
        if (!peer && (string.IsNullOrWhiteSpace(user) || password.Length == 0))
            return Fail("Type a username and a password.");
        Post(() =>
        {
            Status = ConnectionStatus.Connecting;
            LoginError = null;
            Changed?.Invoke();
        });

        ((ChatConnection Connection, Welcome? Welcome) opened, ServerAddress at) entered;
        try
        {
            entered = await OpenFirstAnsweringAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            return Fail(e is HostRefusedException or UntrustedHostException ? e.Message
                : Servers.Count == 1 ? $"Server unreachable at {Servers}. Is the host running? Check the address and try again."
                : $"No server answered at {Servers}. Is the host running? Check the addresses and try again.");
        }
        var (opened, at) = entered;

        var connection = opened.Connection;
        try
        {
            if (register && await connection.RequestAsync(new Register(user.Trim(), password), _options.RequestTimeout).ConfigureAwait(false) is ErrorReply refused)
                return await FailAsync(connection, HostWords.Explain(refused)).ConfigureAwait(false);
            if (peer && opened.Welcome?.PeerLogin is null)
                return await FailAsync(connection, $"The host at {at} does not offer logging in without a password here; log in with your password.").ConfigureAwait(false);
            var reply = await connection.RequestAsync(peer ? new PeerLogin() : new Login(user.Trim(), password), _options.RequestTimeout).ConfigureAwait(false);
            if (reply is not Ok ok)
                return await FailAsync(connection, reply is ErrorReply error ? HostWords.Explain(error) : "The host gave an unexpected answer.").ConfigureAwait(false);
            var credentials = peer ? new Credentials(ok.User ?? opened.Welcome!.PeerLogin!, "", Peer: true) : new Credentials(user.Trim(), password);
            Adopt(connection, ok, credentials, reconnected: false, opened.Welcome, at, resumed: false);
            return null;
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            return await FailAsync(connection, $"The connection to {at} dropped while logging in ({e.Message}). Try again.").ConfigureAwait(false);
        }
    }

    /// <summary>Opens a link at the first of the host's addresses that answers, in the order given: any node will do.</summary>
    private async Task<((ChatConnection, Welcome?) Opened, ServerAddress At)> OpenFirstAnsweringAsync()
    {
        var servers = Servers;
        for (var i = 0; ; i++)
        {
            try
            {
                return (await OpenAsync(servers[i]).ConfigureAwait(false), servers[i]);
            }
            catch (Exception e) when (IsLinkFailure(e) && e is not (HostRefusedException or UntrustedHostException) && i + 1 < servers.Count)
            {
                // That node is down: the next may be up.
            }
        }
    }

    private string Fail(string why)
    {
        Post(() =>
        {
            Status = ConnectionStatus.Disconnected;
            LoginError = why;
            Changed?.Invoke();
        });
        return why;
    }

    private async Task<string> FailAsync(ChatConnection connection, string why)
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        return Fail(why);
    }

    /// <summary>Connects, says hello and waits for the welcome.</summary>
    private async Task<(ChatConnection, Welcome?)> OpenAsync(ServerAddress server)
    {
        var connection = await ChatConnection.OpenAsync(server, _options.ConnectTimeout, _allowance, _life.Token, _options.Tls).ConfigureAwait(false);
        connection.EventReceived += frame => Post(() =>
        {
            if (frame is Bye { Code: ErrorCodes.PasswordChanged or ErrorCodes.LoggedOutEverywhere or ErrorCodes.AccountDisabled or ErrorCodes.Banned })
                ForgetLogin();
            FrameReceived?.Invoke(frame);
        });
        connection.Closed += () => Post(() => OnClosed(connection));
        connection.Start();
        try
        {
            var welcome = await connection.RequestAsync(new Hello(FrameCodec.ProtocolVersion, ClientName), _options.RequestTimeout).ConfigureAwait(false);
            if (welcome is ErrorReply error)
                throw new HostRefusedException(HostWords.Explain(error));
            return (connection, welcome as Welcome);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A logged-in connection becomes the link.</summary>
    private void Adopt(ChatConnection connection, Ok login, Credentials credentials, bool reconnected, Welcome? welcome, ServerAddress at, bool resumed) =>
        Post(() =>
        {
            _connection = connection;
            _credentials = credentials;
            _resumeToken = login.Resume;
            _reconnection = _reconnection.LoggedInAt(at);
            Server = at;
            Status = ConnectionStatus.Connected;
            NextTry = null;
            LoginError = null;
            LoggedIn?.Invoke(new LoggedIn(login.User ?? credentials.User, login.Nick ?? credentials.User, reconnected, welcome?.Motd, welcome?.MaxTextChars, welcome?.MaxLineBytes, resumed));
            // The link may have dropped while this change waited its turn.
            if (!connection.IsOpen)
                OnClosed(connection);
        });

    private void OnClosed(ChatConnection connection)
    {
        if (connection != _connection)
            return;
        _connection = null;
        if (_quitting || _credentials is null)
        {
            Status = ConnectionStatus.Disconnected;
            Changed?.Invoke();
            return;
        }
        Status = ConnectionStatus.Reconnecting;
        Lost?.Invoke();
        _ = ReconnectAsync(_credentials);
    }

    private async Task ReconnectAsync(Credentials credentials)
    {
        while (!_life.IsCancellationRequested)
        {
            _reconnection = _reconnection.Next(Random.Shared.NextDouble, out var next);
            Post(() =>
            {
                (NextTry, Server) = (next, next.Server);
                Changed?.Invoke();
            });
            try
            {
                await Task.Delay(next.Delay, _life.Token).ConfigureAwait(false);
                var (connection, welcome) = await OpenAsync(next.Server).ConfigureAwait(false);
                (Reply Reply, bool Resumed) reply;
                try
                {
                    reply = await LogInAgainAsync(connection, credentials).ConfigureAwait(false);
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
                if (reply.Reply is Ok ok)
                {
                    Adopt(connection, ok, credentials, reconnected: true, welcome, next.Server, reply.Resumed);
                    return;
                }
                await connection.DisposeAsync().ConfigureAwait(false);
                if (reply.Reply is ErrorReply { Code: ErrorCodes.BadCredentials })
                {
                    Post(() =>
                    {
                        Status = ConnectionStatus.Disconnected;
                        GaveUp?.Invoke("The host no longer accepts the saved login; restart the client to log in again.");
                    });
                    return;
                }
            }
            catch (OperationCanceledException) when (_life.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsLinkFailure(e))
            {
                // Still down: wait longer and try again.
            }
        }
    }

    /// <summary>
    /// Every token of the account was revoked from this terminal (a password change, logout
    /// everywhere): the link stays, and a later reconnect logs in with the password (the new one).
    /// </summary>
    public void TokensRevoked(string? newPassword = null)
    {
        _resumeToken = null;
        if (newPassword is not null && _credentials is { } credentials)
            _credentials = credentials with { Password = newPassword };
    }

    /// <summary>
    /// Another terminal changed the password or logged out everywhere: this one must not come back
    /// by itself, with a revoked token or a password that may be the old one.
    /// </summary>
    private void ForgetLogin()
    {
        _resumeToken = null;
        _credentials = null;
    }

    /// <summary>
    /// Logs a new link in as the same user: with the resume token when there is one, else with the
    /// password. The token is in the host's store, so any node of a cluster takes it.
    /// </summary>
    private async Task<(Reply Reply, bool Resumed)> LogInAgainAsync(ChatConnection connection, Credentials credentials)
    {
        if (Interlocked.Exchange(ref _resumeToken, null) is { } token
            && await connection.RequestAsync(new Resume(token), _options.RequestTimeout).ConfigureAwait(false) is Ok resumed)
            return (resumed, true);
        // No token, or it was used, revoked or expired: the password (or the Unix user) still works.
        ClientFrame login = credentials.Peer ? new PeerLogin() : new Login(credentials.User, credentials.Password);
        return (await connection.RequestAsync(login, _options.RequestTimeout).ConfigureAwait(false), false);
    }

    private static bool IsLinkFailure(Exception e) =>
        e is IOException or SocketException or TimeoutException or OperationCanceledException;

    /// <summary>Logs out and closes the link; it stays disconnected. Calling it again waits for the first call.</summary>
    public Task QuitAsync() => _quit ??= LogOutAsync();

    private async Task LogOutAsync()
    {
        _quitting = true;
        var connection = _connection;
        if (connection is null)
            return;
        // Lines still waiting for their turn (a long paste) do not hold up leaving.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await connection.RequestAsync(new Logout(), TimeSpan.FromSeconds(2), patience.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Leaving anyway.
        }
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _quitting = true;
        await _life.CancelAsync().ConfigureAwait(false);
        if (_connection is { } connection)
            await connection.DisposeAsync().ConfigureAwait(false);
        _life.Dispose();
    }
}
