using Chat.Protocol;

namespace Chat.Tui.Session;

// Coming back after the link dropped: the resume token first, the password if that fails;
// and what the host says when it closes the link on purpose.
public sealed partial class ChatSession
{
    /// <summary>The host's one-use token from the last login, in memory only; it spares the host the password hash.</summary>
    private string? _resumeToken;

    /// <summary>Logs a new link in as the same user: with the resume token when there is one, else with the password.</summary>
    private async Task<Reply> LogInAgainAsync(ChatConnection connection, Credentials credentials)
    {
        if (Interlocked.Exchange(ref _resumeToken, null) is { } token
            && await connection.RequestAsync(new Resume(token), _options.RequestTimeout).ConfigureAwait(false) is Ok resumed)
            return resumed;
        // No token, or it was used, revoked or expired: the password still works.
        return await connection.RequestAsync(new Login(credentials.User, credentials.Password), _options.RequestTimeout).ConfigureAwait(false);
    }

    /// <summary>The host's last word before it closes the link; the reconnect loop takes it from there.</summary>
    private static string ExplainBye(Bye bye) => bye.Code switch
    {
        ErrorCodes.ShuttingDown => "The host is shutting down; reconnecting when it is back.",
        ErrorCodes.Flooding => "The host cut the connection: too many lines too fast.",
        ErrorCodes.TooManyConnections => $"The host is full: {bye.Message}",
        _ => $"The host closed the connection: {bye.Message}",
    };
}
