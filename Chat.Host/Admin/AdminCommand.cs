using Chat.Actors;
using Chat.Actors.Accounts;
using Chat.Host.Hosting;
using System.Data.Common;

namespace Chat.Host.Admin;

/// <summary>
/// `Chat.Host admin ...`: runs one verb against the host's store (SQLite or PostgreSQL) and says what happened, as
/// a table for a person or JSON for a script, with an exit code that means something.
/// </summary>
internal static class AdminCommand
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;
    public const int NotFound = 3;
    public const int Refused = 4;
    public const int MaxMotdChars = 1000;

    /// <param name="readPassword">Reads a password (a line of standard input); null when there is none.</param>
    public static int Run(IReadOnlyList<string> args, Func<string?> readPassword, TextWriter output, TextWriter error, Func<string, string?>? environment = null)
    {
        HostConfiguration configuration;
        AdminArguments parsed;
        try
        {
            if (!AdminArguments.TryParse(args, environment ?? Environment.GetEnvironmentVariable, out var arguments, out var problem))
            {
                if (problem is null)
                {
                    output.WriteLine(AdminArguments.Usage);
                    return Done;
                }
                return Say(error, BadArguments, $"{problem} (try Chat.Host admin --help)");
            }
            parsed = arguments!;
            configuration = HostConfiguration.Load(parsed.Host);
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            return Say(error, BadArguments, e.Message);
        }

        try
        {
            using var store = AdminStores.Open(configuration, out var missing);
            if (store is null)
                return Say(error, NotFound, missing);
            var report = new AdminReport(output, parsed.Json);
            return parsed.Verb switch
            {
                "create-user" => CreateUser(store, configuration.Chat, parsed.Operands[0], readPassword, report, error),
                "reset-password" => ResetPassword(store, configuration.Chat, parsed.Operands[0], readPassword, report, error),
                "list-users" => report.Accounts(store.Accounts()),
                "motd" => report.Motd(store.Motd() ?? configuration.Chat.Motd, store.Motd() is null ? "configuration" : "admin"),
                "set-motd" => SetMotd(store, string.Join(' ', parsed.Operands), report, error),
                _ => AdminModerationVerbs.Run(store, parsed, report, error),
            };
        }
        catch (Exception e) when (e is DbException or TimeoutException or IOException)
        {
            return Say(error, Failed, $"the store failed: {e.Message}");
        }
    }

    private static int CreateUser(IAdminStore store, ChatSettings settings, string name, Func<string?> readPassword, AdminReport report, TextWriter error)
    {
        if (!AccountRules.TryNormalizeUsername(name, out var username))
            return Say(error, Refused, $"\"{name}\" is not a username: 3 to 20 of a-z, 0-9, _ and -");
        if (NewPasswordHash(settings, readPassword, error, out var failure) is not { } hash)
            return failure;
        return store.CreateAccount(username, hash, DateTime.UtcNow)
            ? report.Changed("created", username)
            : Say(error, Refused, $"the username {username} is taken");
    }

    private static int ResetPassword(IAdminStore store, ChatSettings settings, string name, Func<string?> readPassword, AdminReport report, TextWriter error)
    {
        if (!AccountRules.TryNormalizeUsername(name, out var username))
            return Say(error, NotFound, $"no such user: {name}");
        if (NewPasswordHash(settings, readPassword, error, out var failure) is not { } hash)
            return failure;
        return store.ResetPassword(username, hash)
            ? report.Changed("password reset; resumable sessions signed out", username)
            : Say(error, NotFound, $"no such user: {username}");
    }

    private static int SetMotd(IAdminStore store, string text, AdminReport report, TextWriter error)
    {
        text = text.Trim();
        if (text.Length > MaxMotdChars || text.Any(char.IsControl))
            return Say(error, Refused, $"a message of the day is one line of at most {MaxMotdChars} characters");
        store.SetMotd(text);
        return report.Motd(text, "admin");
    }

    private static string? NewPasswordHash(ChatSettings settings, Func<string?> readPassword, TextWriter error, out int failure)
    {
        failure = Done;
        var password = readPassword();
        if (string.IsNullOrEmpty(password))
        {
            failure = Say(error, BadArguments, "no password: give it on standard input (one line)");
            return null;
        }
        if (AccountRules.CheckPassword(password) is { } weak)
        {
            failure = Say(error, Refused, weak);
            return null;
        }
        return new PasswordHasher(settings.PasswordIterations).Hash(password);
    }

    internal static int Say(TextWriter error, int exitCode, string message)
    {
        error.WriteLine($"Chat.Host admin: {message}");
        return exitCode;
    }
}
