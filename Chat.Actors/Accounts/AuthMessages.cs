using Chat.Protocol;
using Chat.Actors.Storage;

namespace Chat.Actors.Accounts;

// Commands to the AuthActor. It answers the sender with a ServerFrame (ok / error) or, on a
// successful login, with AccountAuthenticated.

public sealed record RegisterAccount(string User, string Password, RequestId? Re)
{
    /// <summary>The remote address registrations are counted against; null when it is not counted.</summary>
    public string? From { get; init; }

    public override string ToString() => $"RegisterAccount {{ User = {User}, Password = *** }}";
}

public sealed record AuthenticateAccount(string User, string Password, RequestId? Re)
{
    /// <summary>The remote address failed logins are counted against; null when it is not counted.</summary>
    public string? From { get; init; }

    public override string ToString() => $"AuthenticateAccount {{ User = {User}, Password = *** }}";
}

/// <summary>
/// Log in without a password to the account named like the connection's Unix user, which the
/// kernel told the socket edge (peer login, over the Unix socket only). Answered like a login:
/// <see cref="AccountAuthenticated"/>, or no_such_user when no account has that name.
/// </summary>
public sealed record AuthenticatePeer(string UnixUser, RequestId? Re);

/// <summary>
/// Log in as a guest under an IRC nick (the gateway's guest mode, <see cref="GuestAccounts"/>):
/// the nick's guest account, made on first use (counted as a registration against
/// <see cref="From"/>). Answered like a login: <see cref="AccountAuthenticated"/>, or name_taken
/// when a registered account holds the name, or rate_limited.
/// </summary>
public sealed record AuthenticateGuest(string Nick, RequestId? Re)
{
    /// <summary>The remote address new guest accounts are counted against; null when they are not counted.</summary>
    public string? From { get; init; }
}

/// <summary>A login (by password or resume token) succeeded; the new resume token goes to the client.</summary>
public sealed record AccountAuthenticated(Account Account, RequestId? Re)
{
    public string? ResumeToken { get; init; }

    // The account carries the password hash and this the token: neither belongs in a log.
    public override string ToString() => $"AccountAuthenticated {{ User = {Account.Username}, Re = {Re} }}";
}

/// <summary>Log in with a resume token instead of a password. The token is used up; a new one comes back.</summary>
public sealed record ResumeSession(string Token, RequestId? Re)
{
    public override string ToString() => $"ResumeSession {{ Token = ***, Re = {Re} }}";
}

/// <summary>The connection logged out: its resume token must no longer work.</summary>
public sealed record RevokeResumeToken(string Token)
{
    public override string ToString() => "RevokeResumeToken { Token = *** }";
}

/// <summary>
/// A logged-in user changes their password: the old one is checked (through the hash queue, as a
/// login), the new one stored, and every resume token of the account revoked. Answered "ok", or
/// bad_credentials / weak_password / rate_limited.
/// </summary>
public sealed record ChangePassword(string Username, string OldPassword, string NewPassword, RequestId? Re)
{
    /// <summary>The peer the work is counted against in the hash queue; null when not counted.</summary>
    public string? From { get; init; }

    public override string ToString() => $"ChangePassword {{ Username = {Username}, OldPassword = ***, NewPassword = *** }}";
}

/// <summary>
/// The user asked to log out everywhere: every resume token of the account is revoked. Answered
/// <see cref="AccountTokensRevoked"/> (or "unavailable").
/// </summary>
public sealed record RevokeAllResumeTokens(string Username, RequestId? Re);

/// <summary>
/// Every resume token of the account is revoked (a password change or <see cref="RevokeAllResumeTokens"/>):
/// the asking session ends the account's other sessions with a "bye" of <paramref name="ByeCode"/>
/// and answers its client "ok".
/// </summary>
public sealed record AccountTokensRevoked(RequestId? Re, string ByeCode, string ByeReason);
