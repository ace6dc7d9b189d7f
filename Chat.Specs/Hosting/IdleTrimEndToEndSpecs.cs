using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Hosting;

/// <summary>
/// The host as a process: once it is quiet with collections behind it, it gives memory back and
/// says so in its log (IdleMemoryTrimmer wired into the host, with the real GC and malloc_trim).
/// When exactly it trims (after which spell, how often) is the rule's, which IdleTrimSpecs cover;
/// here it checks every 200 ms instead of every 10 s, with thresholds sized for a short spell.
/// </summary>
public sealed class IdleTrimEndToEndSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_quiet_host_with_collections_behind_it_gives_memory_back_and_says_how_much()
    {
        var config = Path.Combine(_dir.Path, "specs.conf");
        File.WriteAllText(config, TestHost.FastHashing + "\n" + TestHost.ScriptedClientAllowance + "\n"
            + "chat.memory.idle-trim { check-every = 200ms, quiet-below = 64 MiB, min-slack = 1 MiB }\n");
        // A small gen0 budget, so the short spell below is several collections, as a real busy spell
        // is (before its first collection the GC reports nothing to give back).
        var smallGen0 = new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x100000" };
        await using var host = await HostProcess.StartAsync(Path.Combine(_dir.Path, "data"), config, smallGen0);

        // A busy spell: registrations, logins and a few hundred lines.
        await using (var client = await host.ConnectAsync())
        {
            await client.HelloAsync();
            Assert.IsType<Ok>(await client.RequestAsync(new Register("alice", "password1")));
            Assert.IsType<Ok>(await client.RequestAsync(new Login("alice", "password1")));
            for (var i = 0; i < 300; i++)
                Assert.IsType<Ok>(await client.RequestAsync(new Say("lobby", new string('x', 2000))));
        }

        await Retry.UntilItPassesAsync(() =>
        {
            Assert.Contains(host.OutputLines, line => line.Contains("Quiet after a busy spell: gave", StringComparison.Ordinal) && line.Contains("MiB back to the system", StringComparison.Ordinal));
            return Task.CompletedTask;
        });
    }
}
