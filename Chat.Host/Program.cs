using Chat.Host.Hosting;

HostOptions options;
try
{
    options = HostOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(HostOptions.Usage);
    return 0;
}

await using var host = await ChatHost.StartAsync(options);
await host.WaitForShutdownAsync();
return 0;
