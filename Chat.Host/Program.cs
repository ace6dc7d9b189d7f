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

await using var host = await ChatHost.StartAsync(options);
await host.WaitForShutdownAsync();
return 0;
