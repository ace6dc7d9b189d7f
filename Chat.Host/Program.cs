using Chat.Host.Hosting;
using Chat.Protocol;

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

await using var host = await ChatHost.StartAsync(options);
await host.WaitForShutdownAsync();
return 0;
