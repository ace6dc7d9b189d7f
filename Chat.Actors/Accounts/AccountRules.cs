using System.Text.RegularExpressions;
using Chat.Actors.Identity;

namespace Chat.Actors.Accounts;

/// <summary>What makes a username, a password and a nickname acceptable.</summary>
public static partial class AccountRules
{
    public const int MinPasswordLength = 8;
    // PBKDF2 hashes a long password down first, so length costs little; the cap keeps frames sane.
    public const int MaxPasswordLength = 1024;
    public const int MaxNicknameLength = NicknameRules.MaxGraphemes;
    public const int MaxAwayReasonLength = 200;

    [GeneratedRegex("^[a-z0-9_-]{3,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();

    /// <summary>Usernames are case-insensitive: the folded (lower-case) form is the account's key.</summary>
    public static bool TryNormalizeUsername(string? input, out string username)
    {
        username = (input ?? "").ToLowerInvariant();
        return UsernamePattern().IsMatch(username);
    }

    public static string? CheckPassword(string password) =>
        password.Length < MinPasswordLength ? $"a password needs at least {MinPasswordLength} characters"
        : password.Length > MaxPasswordLength ? $"a password may have at most {MaxPasswordLength} characters"
        : null;

    /// <summary>The nickname rules (<see cref="NicknameRules"/>): what may be in one, and how long it may be.</summary>
    public static bool TryNormalizeNickname(string? input, out string nickname, out string? problem) =>
        NicknameRules.TryNormalize(input, out nickname, out problem);
}
