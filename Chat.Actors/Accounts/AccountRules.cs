using System.Globalization;
using System.Text.RegularExpressions;

namespace Chat.Actors.Accounts;

/// <summary>What makes a username, a password and a nickname acceptable.</summary>
public static partial class AccountRules
{
    public const int MinPasswordLength = 8;
    // PBKDF2 hashes a long password down first, so length costs little; the cap keeps frames sane.
    public const int MaxPasswordLength = 1024;
    public const int MaxNicknameLength = 32;
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

    /// <summary>
    /// A nickname is 1 to 32 characters as a person counts them (emoji included), without
    /// spaces or control characters, so it reads as one word in every panel.
    /// </summary>
    public static bool TryNormalizeNickname(string? input, out string nickname, out string? problem)
    {
        nickname = (input ?? "").Trim();
        problem = null;
        var length = new StringInfo(nickname).LengthInTextElements;
        if (length == 0)
            problem = "a nickname cannot be empty";
        else if (length > MaxNicknameLength)
            problem = $"a nickname may have at most {MaxNicknameLength} characters";
        else if (nickname.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            problem = "a nickname cannot contain spaces or control characters";
        return problem is null;
    }
}
