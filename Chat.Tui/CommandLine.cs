using Chat.Tui.Session;

namespace Chat.Tui;

/// <summary>What the client was started with.</summary>
public sealed record ClientOptions(ServerAddress Server, bool ShowHelp);

/// <summary>The client's few flags: --server HOST:PORT and --help.</summary>
public static class CommandLine
{
    public static readonly string Usage = $"""
        chat-tui: a full-screen terminal chat client.

        Usage: dotnet run --project Chat.Tui -- [--server HOST:PORT] [--help]

          --server HOST:PORT   the chat host to connect to (default {ServerAddress.Default})
          --help               show this text

        In the chat, type !help for commands. F1 shows help, Ctrl+Q quits.
        """;

    public static bool TryParse(string[] args, out ClientOptions options, out string? problem)
    {
        var server = ServerAddress.Default;
        var help = false;
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "-?":
                    help = true;
                    break;
                case "--server" or "-s":
                    if (i + 1 == args.Length)
                        problem = "--server wants HOST:PORT after it.";
                    else if (!ServerAddress.TryParse(args[++i], out server))
                        problem = $"--server wants HOST:PORT, not \"{args[i]}\".";
                    break;
                default:
                    problem = $"Unknown argument \"{args[i]}\".";
                    break;
            }
            if (problem is not null)
                break;
        }
        options = new ClientOptions(server, help);
        return problem is null;
    }
}
