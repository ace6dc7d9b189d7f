using Chat.Host.Hosting;

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
catch (Exception e) when (e is ArgumentException or StoreUnavailableException)
{
    // A bad setting or an unreachable database: one line that says what, not a stack trace.
    Console.Error.WriteLine(e.Message);
    return e is ArgumentException ? 2 : 1;
}
await using (host)
{
    await host.WaitForShutdownAsync();
}
return 0;
