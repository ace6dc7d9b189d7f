using Chat.Protocol;
using Chat.Tui;
using Chat.Tui.Session;
using Chat.Tui.Views;
using Terminal.Gui.App;

var config = ClientConfig.Load(Environment.GetEnvironmentVariable, out var configProblems);
foreach (var configProblem in configProblems)
    Console.Error.WriteLine(configProblem);
if (!CommandLine.TryParse(args, out var options, out var problem, config))
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}
if (options.ShowVersion)
{
    Console.WriteLine($"chat {ProductVersion.Of(typeof(CommandLine).Assembly)}");
    return 0;
}

using var app = Application.Create().Init("ansi");
var session = new ChatSession(options.Server, new SessionOptions { Dispatch = change => app.Invoke(change), Tls = options.Tls, Bell = config.Bell ?? true });
await using (session)
{
    var palette = config.Color == false ? new ChatPalette(useColor: false) : ChatPalette.FromEnvironment();
    using var shell = new ClientShell(app, session, palette, RingBell, options.User ?? config.User);
    using var hangup = TerminalHangup.LeaveOnHangup(session.QuitAsync);
    app.Run(shell);
    try
    {
        // Usually done already (Ctrl+Q, !quit); a closed terminal still logs out here.
        await session.QuitAsync().WaitAsync(TimeSpan.FromSeconds(2));
    }
    catch (TimeoutException)
    {
        // The host is not answering; leave anyway.
    }
}
return 0;

// BEL goes straight to the terminal: it makes no mark on the screen the driver keeps.
static void RingBell()
{
    Console.Out.Write('\a');
    Console.Out.Flush();
}
