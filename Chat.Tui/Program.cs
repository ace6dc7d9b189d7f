using Chat.Protocol;
using Chat.Tui;
using Chat.Tui.Session;
using Chat.Tui.Views;
using Terminal.Gui.App;

if (!CommandLine.TryParse(args, out var options, out var problem))
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
var session = new ChatSession(options.Server, new SessionOptions { Dispatch = change => app.Invoke(change), Tls = options.Tls });
await using (session)
{
    using var shell = new ClientShell(app, session, ChatPalette.FromEnvironment(), RingBell);
    if (options.User is { } user)
        shell.Welcome.PrefillUsername(user);
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
