using System.Security.Cryptography;
using System.Text;
using Chat.Actors.Identity;
using Chat.Actors.Storage;

namespace Chat.Actors.Accounts;

/// <summary>
/// Guests (the IRC gateway's guest mode, off by default): a client that registers with a nick
/// and no credentials gets an account of its own for that nick, as an IRC network without
/// services would. A guest account is an ordinary account row, so everything the chat keeps
/// (messages, rooms, moderation) names someone; what makes it a guest's is its password hash,
/// a marker no password verifies, so nobody can log in to it with a password and a guest can
/// never take a registered account. The same nick always maps to the same username (a hash of
/// the case-folded nick), so a nick used again finds its account again instead of adding rows.
/// </summary>
public static class GuestAccounts
{
    /// <summary>Stored as the password hash: not a hash <see cref="PasswordHasher"/> can match.</summary>
    public const string PasswordHashMarker = "guest:no-password";

    public static bool IsGuest(Account account) => account.PasswordHash == PasswordHashMarker;

    /// <summary>"guest-" and 8 hex digits of the nick's hash: a valid username, the same for every spelling case of the nick.</summary>
    public static string UsernameFor(string nick)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(nick.ToLowerInvariant()));
        return "guest-" + Convert.ToHexStringLower(digest.AsSpan(0, 4));
    }

    /// <summary>A new guest account: the nick as its nickname when the chat allows it, else the username.</summary>
    public static Account NewAccount(string nick, DateTime now)
    {
        var username = UsernameFor(nick);
        var nickname = NicknameRules.TryNormalize(nick, out var normalized, out _) ? normalized : username;
        return new Account(username, PasswordHashMarker, nickname, now);
    }
}
