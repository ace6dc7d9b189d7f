using Chat.Host.Admin;
using Chat.Host.Hosting;
using Chat.Host.Storage;
using Chat.Protocol;

if (args is ["admin", .. var adminArgs])
    return AdminCommand.Run(adminArgs, ReadPassword, Console.Out, Console.Error);

ChatHostOptions options;
try
{
    options = ChatHostOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (options.ShowVersion)
{
    Console.WriteLine($"Chat.Host {ProductVersion.Of(typeof(ChatHost).Assembly)}");
    return 0;
}
if (options.ShowHelp)
{
    Console.WriteLine(ChatHostOptions.Usage);
    return 0;
}

ChatHost host;
try
{
    host = await ChatHost.StartAsync(options);
}
catch (Exception e) when (e is ArgumentException or UnsafeDataDirectoryException or StoreUnavailableException)
{
    // A bad setting, an unsafe data directory or an unreachable database: one line that says
    // what, not a stack trace.
    Console.Error.WriteLine(e.Message);
    return e is StoreUnavailableException ? 1 : 2;
}
await using (host)
{
    await host.WaitForShutdownAsync();
}
return 0;

// A password never goes on the command line (other users see it in ps): a line of standard
// input, typed without echo at a terminal.
static string? ReadPassword()
{
    if (Console.IsInputRedirected)
        return Console.In.ReadLine();
    Console.Error.Write("Password: ");
    var typed = new System.Text.StringBuilder();
    for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
    {
        if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
            typed.Length--;
        else if (!char.IsControl(key.KeyChar))
            typed.Append(key.KeyChar);
    }
    Console.Error.WriteLine();
    return typed.ToString();
}
