using System.Net.Sockets;
using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>A link became logged in: who the host says I am, and whether it is a new login or a reconnect.</summary>
/// <param name="Motd">The host's message of the day from its welcome; null when it has none.</param>
/// <param name="MaxTextChars">The longest message text the host takes, from its welcome; null when it did not say.</param>
/// <param name="MaxLineBytes">The longest line the host reads, from its welcome; null when it did not say.</param>
public sealed record LoggedIn(string User, string Nick, bool Reconnected, string? Motd, int? MaxTextChars, int? MaxLineBytes);

/// <summary>
/// The session's link to the host: connects, says hello, registers or logs in, keeps what it
/// needs to come back (a one-use resume token first, the password in memory after), reconnects
/// with back-off when the link drops, and logs out. It knows nothing of conversations or people:
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
    private Credentials? _credentials;
    // The host's one-use token from the last login, in memory only; it spares the host the password hash.
    private string? _resumeToken;
    private bool _quitting;
    private Task? _quit;
    private volatile bool _disposed;

    /// <summary>Kept in memory only, so that a dropped link can log in again by itself; <paramref name="Peer"/>: by peer login, as the Unix user.</summary>
    private sealed record Credentials(string User, string Password, bool Peer = false);

    public HostLink(ServerAddress server, SessionOptions options)
    {
        Server = server;
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

    /// <summary>The host to talk to; the welcome form may change it before logging in.</summary>
    public ServerAddress Server { get; set; }

    public ConnectionStatus Status { get; private set; }

    /// <summary>While reconnecting: which attempt is next and how long it waits first.</summary>
    public int ReconnectAttempt { get; private set; }

    public TimeSpan ReconnectDelay { get; private set; }

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
                var (connection, welcome) = await OpenAsync().ConfigureAwait(false);
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

        (ChatConnection Connection, Welcome? Welcome) opened;
        try
        {
            opened = await OpenAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            return Fail(e is HostRefusedException or UntrustedHostException
                ? e.Message
                : $"Server unreachable at {Server}. Is the host running? Check the address and try again.");
        }

        var connection = opened.Connection;
        try
        {
            if (register && await connection.RequestAsync(new Register(user.Trim(), password), _options.RequestTimeout).ConfigureAwait(false) is ErrorReply refused)
                return await FailAsync(connection, HostWords.Explain(refused)).ConfigureAwait(false);
            if (peer && opened.Welcome?.PeerLogin is null)
                return await FailAsync(connection, $"The host at {Server} does not offer logging in without a password here; log in with your password.").ConfigureAwait(false);
            var reply = await connection.RequestAsync(peer ? new PeerLogin() : new Login(user.Trim(), password), _options.RequestTimeout).ConfigureAwait(false);
            if (reply is not Ok ok)
                return await FailAsync(connection, reply is ErrorReply error ? HostWords.Explain(error) : "The host gave an unexpected answer.").ConfigureAwait(false);
            var credentials = peer ? new Credentials(ok.User ?? opened.Welcome!.PeerLogin!, "", Peer: true) : new Credentials(user.Trim(), password);
            Adopt(connection, ok, credentials, reconnected: false, opened.Welcome);
            return null;
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            return await FailAsync(connection, $"The connection to {Server} dropped while logging in ({e.Message}). Try again.").ConfigureAwait(false);
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
    private async Task<(ChatConnection, Welcome?)> OpenAsync()
    {
        var connection = await ChatConnection.OpenAsync(Server, _options.ConnectTimeout, _allowance, _life.Token, _options.Tls).ConfigureAwait(false);
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

    /// <summary>The host answered, but not with a welcome (another protocol version, say).</summary>
    private sealed class HostRefusedException(string message) : IOException(message);

    /// <summary>A logged-in connection becomes the link.</summary>
    private void Adopt(ChatConnection connection, Ok login, Credentials credentials, bool reconnected, Welcome? welcome) =>
        Post(() =>
        {
            _connection = connection;
            _credentials = credentials;
            _resumeToken = login.Resume;
            Status = ConnectionStatus.Connected;
            ReconnectAttempt = 0;
            LoginError = null;
            LoggedIn?.Invoke(new LoggedIn(login.User ?? credentials.User, login.Nick ?? credentials.User, reconnected, welcome?.Motd, welcome?.MaxTextChars, welcome?.MaxLineBytes));
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
        for (var attempt = 1; !_life.IsCancellationRequested; attempt++)
        {
            var delay = _options.Reconnect.JitteredDelayBefore(attempt, Random.Shared.NextDouble);
            var thisAttempt = attempt;
            Post(() =>
            {
                ReconnectAttempt = thisAttempt;
                ReconnectDelay = delay;
                Changed?.Invoke();
            });
            try
            {
                await Task.Delay(delay, _life.Token).ConfigureAwait(false);
                var (connection, welcome) = await OpenAsync().ConfigureAwait(false);
                Reply reply;
                try
                {
                    reply = await LogInAgainAsync(connection, credentials).ConfigureAwait(false);
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
                if (reply is Ok ok)
                {
                    Adopt(connection, ok, credentials, reconnected: true, welcome);
                    return;
                }
                await connection.DisposeAsync().ConfigureAwait(false);
                if (reply is ErrorReply { Code: ErrorCodes.BadCredentials })
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

    /// <summary>Logs a new link in as the same user: with the resume token when there is one, else with the password.</summary>
    private async Task<Reply> LogInAgainAsync(ChatConnection connection, Credentials credentials)
    {
        if (Interlocked.Exchange(ref _resumeToken, null) is { } token
            && await connection.RequestAsync(new Resume(token), _options.RequestTimeout).ConfigureAwait(false) is Ok resumed)
            return resumed;
        // No token, or it was used, revoked or expired: the password (or the Unix user) still works.
        ClientFrame login = credentials.Peer ? new PeerLogin() : new Login(credentials.User, credentials.Password);
        return await connection.RequestAsync(login, _options.RequestTimeout).ConfigureAwait(false);
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
