using System.Net;
using Chat.Protocol;
using Chat.Specs.Storage;
using Chat.Specs.Support;
using Chat.Specs.Tui;
using Chat.Specs.Tui.Session;
using Chat.Specs.Tui.Views;
using Chat.Tui.Session;
using Terminal.Gui.Input;
using Xunit.Abstractions;
using FactAttribute = Chat.Specs.Storage.FactAttribute;

namespace Chat.Specs.Cluster;

/// <summary>
/// Issue 14, item 5: the real client, on its real screen (headless), given the addresses of two
/// nodes of one cluster (two real host processes on one PostgreSQL database), is on one of them;
/// that node is killed (kill -9) and the client comes back on the other by itself, resumed with
/// its token, still in its room, and what it says there reaches someone else.
/// </summary>
[NeedsPostgres]
[Collection(TerminalCollection.Name)]
public sealed class ClientFailoverEndToEndSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private HostCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await HostCluster.StartAsync(nodes: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public void The_client_whose_node_is_killed_comes_back_on_the_other_resumed_in_its_room_and_is_heard()
    {
        // Node 1 has the lower address, so it is the side keep-majority keeps when two nodes lose
        // each other: node 2 is the one to lose.
        var survivor = _cluster[1].Endpoint;
        var lost = _cluster[2].Endpoint;
        // Alice reaches the survivor through a gate that opens once the survivor has removed the
        // lost node. Before that a resume may be lost on its way to the lost node's user actor
        // (docs/cluster.md): the client would then time out and log in with the password, which
        // another spec would not tell from a resume.
        var gatePort = FreePort.Next();
        Assert.True(ServerList.TryParse($"127.0.0.1:{lost.Port},127.0.0.1:{gatePort}", out var alicesNodes, out var problem), problem);
        Assert.True(ServerList.TryParse($"127.0.0.1:{survivor.Port},127.0.0.1:{lost.Port}", out var bobsNodes, out problem), problem);
        Run(() => RegisterAsync("alice"));
        Run(() => RegisterAsync("bob"));

        var bob = new ChatSession(bobsNodes, SessionFixture.Unpaced with { RequestTimeout = TimeSpan.FromSeconds(20) });
        try
        {
            Assert.Null(Run(() => bob.LogInAsync("bob", LiveHost.Password)));
            Assert.True(bob.Enter("!join #ops"));
            Run(() => Eventually.True(() => OpsOf(bob) is not null, "bob is in #ops", Patience));

            using var alice = new HeadlessClient(alicesNodes, width: 100, options: SessionFixture.FastRetry with { RequestTimeout = TimeSpan.FromSeconds(20) });
            alice.EnterCredentials("alice", LiveHost.Password);
            alice.Press(Key.Enter);
            alice.WaitFor($"Connected as alice (alice) | on 127.0.0.1:{lost.Port}", Patience);
            alice.Type("!join #ops");
            alice.Press(Key.Enter);
            alice.WaitUntil(() => OpsOf(bob)!.Lines.Any(l => l.Text == "alice joined"), "bob sees alice join #ops", Patience);
            alice.WaitFor("| #ops |");

            Run(() => _cluster[2].KillAsync());
            alice.WaitFor("reconnecting...", Patience);
            Run(() => _cluster.RemovedAsync(2));
            var gate = new WireTap(survivor, gatePort);
            try
            {
                alice.WaitFor($"Connected as alice (alice) | on 127.0.0.1:{gatePort} | #ops", Patience);
                output.WriteLine(alice.Screen);
                Assert.True(alice.Session.LastLoginResumed, "alice came back with her resume token, not her password");
                Assert.Contains(gate.FromClients, frame => frame is Resume);
                Assert.DoesNotContain(gate.FromClients, frame => frame is Login);
                Assert.Contains($"Reconnected to 127.0.0.1:{gatePort} as alice.", alice.Screen);

                alice.Type("said after the failover");
                alice.Press(Key.Enter);
                alice.WaitUntil(() => OpsOf(bob)!.Lines.Any(l => l.Kind == LineKind.Message && l.Text == "said after the failover"), "bob reads what alice said on the other node", Patience);
                alice.WaitFor("<alice> said after the failover", Patience);
                Assert.Equal("ops", alice.Session.Current.Room);
            }
            finally
            {
                Run(() => gate.DisposeAsync().AsTask());
            }
        }
        finally
        {
            Run(() => bob.DisposeAsync().AsTask());
        }
    }

    private static Conversation? OpsOf(ChatSession session) => session.Conversations.FirstOrDefault(c => c.Room == "ops");

    private async Task RegisterAsync(string user)
    {
        await using var registrar = await _cluster[1].ConnectAsync().ConfigureAwait(false);
        await registrar.HelloAsync().ConfigureAwait(false);
        Assert.IsType<Ok>(await registrar.RequestAsync(new Register(user, LiveHost.Password)).ConfigureAwait(false));
    }

    // The Terminal.Gui thread leaves its SynchronizationContext behind: async work runs on the pool.
    private static void Run(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();

    private static T Run<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
}
