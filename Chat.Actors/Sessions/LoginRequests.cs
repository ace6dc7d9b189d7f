using Chat.Actors.Accounts;
using Chat.Protocol;

namespace Chat.Actors.Sessions;

/// <summary>What an anonymous connection's frame (or the gateway's guest login) asks of the auth actor, if it asks to register or log in.</summary>
public static class LoginRequests
{
    /// <param name="from">The remote address failed attempts count against; null to count none.</param>
    /// <param name="unixUser">The Unix user this connection may log in as without a password; null: it may not.</param>
    /// <returns>The message for the auth actor.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The message is no registration or login, or a peer login this connection may not make.</exception>
    public static object For(object message, string? from, string? unixUser) => message switch
    {
        Register register => new RegisterAccount(register.User, register.Password, register.Id) { From = from },
        Login login => new AuthenticateAccount(login.User, login.Password, login.Id) { From = from },
        Resume resume => new ResumeSession(resume.Token, resume.Id),
        PeerLogin peer when unixUser is not null => new AuthenticatePeer(unixUser, peer.Id),
        LogInAsGuest guest => new AuthenticateGuest(guest.Nick, guest.Id) { From = from },
        _ => throw new ArgumentOutOfRangeException(nameof(message), message, "not a registration or login this connection may make"),
    };
}
