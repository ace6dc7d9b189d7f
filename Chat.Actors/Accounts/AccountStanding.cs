using Chat.Actors.Storage;
using Chat.Actors.Users;
using Chat.Protocol;

namespace Chat.Actors.Accounts;

/// <summary>
/// Whether an account may log in, as the admin command left it: a disabled account may not, nor
/// one banned host-wide until its ban ends. Asked only once the password (or resume token) was
/// good, so a refusal tells nothing to someone guessing.
/// </summary>
public static class AccountStanding
{
    public static Refusal? LoginRefusal(Account account, DateTime now)
    {
        if (account.Disabled)
            return new Refusal(ErrorCodes.AccountDisabled, "this account is disabled; ask the people who run this chat");
        if (account.HostBan is { } ban && ban.ActiveAt(now))
            return new Refusal(ErrorCodes.Banned, "this account is banned from the chat"
                + (ban.Until is { } until ? $" until {until:yyyy-MM-dd HH:mm} UTC" : "")
                + (string.IsNullOrEmpty(ban.Reason) ? "" : $": {ban.Reason}"));
        return null;
    }
}
