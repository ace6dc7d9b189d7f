using Chat.Host.Hosting;
using Chat.Host.Storage;

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
catch (Exception e) when (e is ArgumentException or UnsafeDataDirectoryException)
{
    // A configuration the host will not run with: say why, without a stack trace.
    Console.Error.WriteLine(e.Message);
    return 2;
}
await using (host)
    await host.WaitForShutdownAsync();
return 0;
