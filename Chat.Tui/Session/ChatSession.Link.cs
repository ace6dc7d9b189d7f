using System.Net.Sockets;
using Chat.Protocol;

namespace Chat.Tui.Session;

// Logging in, registering, staying connected: the session's side of the link.
public sealed partial class ChatSession
{
    private const string ClientName = "chat-tui";

    private readonly CancellationTokenSource _life = new();
    // Shared by the session's successive links: the host's gate for the user outlives a link.
    private readonly SendAllowance _allowance;
    private ChatConnection? _connection;
    private Credentials? _credentials;
    private bool _quitting;
    private string? _messageOfTheDay;
    private Task? _quit;
    private volatile bool _disposed;

    /// <summary>Kept in memory only, so that a dropped link can log in again by itself.</summary>
    private sealed record Credentials(string User, string Password);

    /// <summary>Logs in; on failure <see cref="LoginError"/> says why. Returns that error, or null on success.</summary>
    public Task<string?> LogInAsync(string user, string password) => EnterAsync(user, password, register: false);

    /// <summary>Registers the account and then logs in with it.</summary>
    public Task<string?> RegisterAsync(string user, string password) => EnterAsync(user, password, register: true);

    private async Task<string?> EnterAsync(string user, string password, bool register)
    {
        if (string.IsNullOrWhiteSpace(user) || password.Length == 0)
            return Fail("Type a username and a password.");
        Post(() =>
        {
            Status = ConnectionStatus.Connecting;
            LoginError = null;
            RaiseChanged();
        });

        ChatConnection connection;
        try
        {
            connection = await OpenAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            return Fail(e is HostRefusedException or UntrustedHostException
                ? e.Message
                : $"Server unreachable at {Server}. Is the host running? Check the address and try again.");
        }

        try
        {
            if (register && await connection.RequestAsync(new Register(user.Trim(), password), _options.RequestTimeout).ConfigureAwait(false) is ErrorReply refused)
                return await FailAsync(connection, Explain(refused)).ConfigureAwait(false);
            var reply = await connection.RequestAsync(new Login(user.Trim(), password), _options.RequestTimeout).ConfigureAwait(false);
            if (reply is not Ok ok)
                return await FailAsync(connection, reply is ErrorReply error ? Explain(error) : "The host gave an unexpected answer.").ConfigureAwait(false);
            await AdoptAsync(connection, ok, new Credentials(user.Trim(), password), reconnected: false).ConfigureAwait(false);
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
            RaiseChanged();
        });
        return why;
    }

    private async Task<string> FailAsync(ChatConnection connection, string why)
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        return Fail(why);
    }

    /// <summary>Connects, says hello and waits for the welcome.</summary>
    private async Task<ChatConnection> OpenAsync()
    {
        var connection = await ChatConnection.OpenAsync(Server, _options.ConnectTimeout, _allowance, _life.Token, _options.Tls).ConfigureAwait(false);
        connection.EventReceived += Deliver;
        connection.Closed += () => Post(() => OnClosed(connection));
        connection.Start();
        try
        {
            var welcome = await connection.RequestAsync(new Hello(FrameCodec.ProtocolVersion, ClientName), _options.RequestTimeout).ConfigureAwait(false);
            if (welcome is ErrorReply error)
                throw new HostRefusedException(Explain(error));
            _messageOfTheDay = (welcome as Welcome)?.Motd;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The host answered, but not with a welcome (another protocol version, say).</summary>
    private sealed class HostRefusedException(string message) : IOException(message);

    /// <summary>A logged-in connection becomes the session's link; then the roster fills the people panel.</summary>
    private async Task AdoptAsync(ChatConnection connection, Ok login, Credentials credentials, bool reconnected)
    {
        Post(() =>
        {
            _connection = connection;
            _credentials = credentials;
            _resumeToken = login.Resume;
            Me = new Person(login.User ?? credentials.User, login.Nick ?? credentials.User);
            Arrive(Me);
            Status = ConnectionStatus.Connected;
            ReconnectAttempt = 0;
            LoginError = null;
            if (reconnected)
                AddLocal(Current, $"Reconnected to {Server} as {Me.Nick}.");
            else if (!string.IsNullOrWhiteSpace(_messageOfTheDay))
                AddLocal(Lobby, _messageOfTheDay);
            // Pages that came before this change could not be marked read without a link, and
            // a page asked for on a link that broke will never come.
            MarkViewed(Current);
            foreach (var conversation in _conversations)
                conversation.HistoryPending = false;
            RaiseChanged();
            // The link may have dropped while this change waited its turn.
            if (!connection.IsOpen)
                OnClosed(connection);
        });
        try
        {
            if (await connection.RequestAsync(new Who(), _options.RequestTimeout).ConfigureAwait(false) is Roster roster)
                Deliver(roster);
        }
        catch (IOException)
        {
            // The reconnect loop takes over; the roster comes with the next login.
        }
    }

    private void OnClosed(ChatConnection connection)
    {
        if (connection != _connection)
            return;
        _connection = null;
        if (_quitting || _credentials is null)
        {
            Status = ConnectionStatus.Disconnected;
            RaiseChanged();
            return;
        }
        Status = ConnectionStatus.Reconnecting;
        AddLocal(Current, $"Lost the connection to {Server}; reconnecting...");
        if (Current != Lobby)
            AddLocal(Lobby, $"Lost the connection to {Server}; reconnecting...");
        RaiseChanged();
        _ = ReconnectAsync(_credentials);
    }

    private async Task ReconnectAsync(Credentials credentials)
    {
        for (var attempt = 1; !_life.IsCancellationRequested; attempt++)
        {
            var delay = _options.Reconnect.DelayBefore(attempt);
            var thisAttempt = attempt;
            Post(() =>
            {
                ReconnectAttempt = thisAttempt;
                ReconnectDelay = delay;
                RaiseChanged();
            });
            try
            {
                await Task.Delay(delay, _life.Token).ConfigureAwait(false);
                var connection = await OpenAsync().ConfigureAwait(false);
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
                    await AdoptAsync(connection, ok, credentials, reconnected: true).ConfigureAwait(false);
                    return;
                }
                await connection.DisposeAsync().ConfigureAwait(false);
                if (reply is ErrorReply { Code: ErrorCodes.BadCredentials })
                {
                    Post(() => GiveUp("The host no longer accepts the saved login; restart the client to log in again."));
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

    private void GiveUp(string why)
    {
        Status = ConnectionStatus.Disconnected;
        AddLocal(Current, why);
        RaiseChanged();
    }

    private static bool IsLinkFailure(Exception e) =>
        e is IOException or SocketException or TimeoutException or OperationCanceledException;

    /// <summary>Logs out and closes the link; the session stays disconnected. Calling it again waits for the first call.</summary>
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
