using Chat.Host.Hosting;

namespace Chat.Host.Admin;

/// <summary>What `Chat.Host admin VERB ...` was asked to do, and on which store (data directory or PostgreSQL database).</summary>
internal sealed record AdminArguments(string Verb, IReadOnlyList<string> Operands, bool Json, ChatHostOptions Host)
{
    /// <summary>Each verb and how many operands it takes (min, max).</summary>
    private static readonly Dictionary<string, (int Min, int Max)> Verbs = new(StringComparer.Ordinal)
    {
        ["create-user"] = (1, 1),
        ["reset-password"] = (1, 1),
        ["list-users"] = (0, 0),
        ["motd"] = (0, 0),
        ["set-motd"] = (1, int.MaxValue),
        ["grant-operator"] = (1, 1),
        ["revoke-operator"] = (1, 1),
        ["disable"] = (1, int.MaxValue),
        ["enable"] = (1, 1),
        ["ban"] = (1, int.MaxValue),
        ["unban"] = (1, 1),
        ["list-rooms"] = (0, 0),
        ["delete-room"] = (1, 1),
    };

    private const string VerbList = "create-user, reset-password, list-users, disable, enable, grant-operator, revoke-operator, ban, unban, list-rooms, delete-room, motd, set-motd";

    public const string Usage = """
        Chat.Host admin: look after the chat's accounts and texts, in the host's store (its data
        directory, or its PostgreSQL database), while the host runs.

        Usage: Chat.Host admin VERB [operands] [--data DIR | --store postgres --postgres CONN]
                               [--config FILE] [--json]

          create-user NAME      make an account; the password is read from standard input
          reset-password NAME   set a new password (read from standard input) and sign the
                                account out of every resumable session
          list-users            every account with its nickname, when made and when last seen
          motd                  show the message of the day
          set-motd TEXT...      set the message of the day (new connections see it within 2 s)
          disable NAME [REASON...]  refuse the account's logins and end its sessions
          enable NAME           let a disabled account log in again
          grant-operator NAME   make the account a host operator: it rules every room
          revoke-operator NAME  take the host operator role back
          ban NAME [DURATION] [REASON...]
                                ban the account host-wide (DURATION: 30m, 2h, 7d, 2w; none:
                                until unbanned): its sessions end, its logins are refused
          unban NAME            lift a host-wide ban
          list-rooms            every room with members, owner, flags and topic
          delete-room ROOM      delete a room, its members and its history

        The running host acts on disable, ban, grant-operator, revoke-operator and delete-room
        within 2 s on SQLite (it reads what the command did from the admin_actions table), at
        once on PostgreSQL (every host hears of each action at its commit).

          --data DIR    the host's data directory (as for the host: default ./data; env CHAT_DATA)
          --store KIND  sqlite (default) or postgres, as for the host (env CHAT_STORE)
          --postgres CONN  the PostgreSQL connection string, as for the host (env CHAT_POSTGRES)
          --config FILE the host's HOCON overlay (for the password hashing cost and default MOTD)
          --json        print JSON for scripts instead of a table

        Exit codes: 0 done, 1 failed (store error), 2 bad arguments, 3 no such user or room, or
        no chat in the data directory or database, 4 refused (name taken, bad name, weak password, nothing to undo).
        """;

    public static bool TryParse(IReadOnlyList<string> args, Func<string, string?> environment, out AdminArguments? parsed, out string? problem)
    {
        parsed = null;
        problem = null;
        var json = false;
        var hostFlags = new List<string>();
        var operands = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--json")
                json = true;
            else if (args[i] is "--data" or "--config" or "--store" or "--postgres")
            {
                if (i + 1 >= args.Count)
                {
                    problem = $"{args[i]} needs a value";
                    return false;
                }
                hostFlags.Add(args[i]);
                hostFlags.Add(args[++i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && operands.Count == 0 || args[i] is "--help" or "-h")
            {
                problem = args[i] is "--help" or "-h" ? null : $"unknown option {args[i]}";
                return false;
            }
            else
                operands.Add(args[i]);
        }
        if (operands.Count == 0)
        {
            problem = $"which verb? ({VerbList})";
            return false;
        }
        var verb = operands[0];
        if (!Verbs.TryGetValue(verb, out var arity))
        {
            problem = $"unknown verb \"{verb}\" ({VerbList})";
            return false;
        }
        var rest = operands.Skip(1).ToList();
        if (rest.Count < arity.Min || rest.Count > arity.Max)
        {
            problem = arity.Min == arity.Max ? $"{verb} takes {Count(arity.Min)}, not {rest.Count}" : $"{verb} needs {Count(arity.Min)} at least";
            return false;
        }
        parsed = new AdminArguments(verb, rest, json, ChatHostOptions.Parse(hostFlags, environment));
        return true;
    }

    private static string Count(int n) => n switch { 0 => "no operand", 1 => "one operand", _ => $"{n} operands" };
}
