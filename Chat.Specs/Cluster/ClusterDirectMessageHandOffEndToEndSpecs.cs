using Chat.Protocol;
using Chat.Specs.Storage;
using Chat.Specs.Support;
using FactAttribute = Chat.Specs.Storage.FactAttribute;

namespace Chat.Specs.Cluster;

/// <summary>
/// Issue 14: a DM in flight while its recipient's user actor hands off (SIGTERM of the node holding
/// it). Every DM the sender sends is answered, none acknowledged is lost (each is stored, once),
/// and the recipient's next incarnation, on another node, delivers.
/// </summary>
[NeedsPostgres]
public sealed class ClusterDirectMessageHandOffEndToEndSpecs : IAsyncLifetime
{
    private const string Password = EndToEndSpec.Password;
    private HostCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await HostCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Dms_sent_while_the_recipients_node_leaves_are_all_answered_and_none_acknowledged_is_lost()
    {
        await using (var bob = await _cluster.LoggedInAsync(1, "bob"))
        {
            var holding = await NodeHoldingAsync("bob");
            var (sender, senderName) = await SenderAwayFromAsync(holding);
            await using var _ = sender;

            var acknowledged = new List<long>();
            Task<int>? stopping = null;
            for (var sent = 0; sent < 400 && (stopping is null || !stopping.IsCompleted || acknowledged.Count < 30 + 5); sent++)
            {
                var reply = await sender.RequestAsync(new SendDirect("bob", $"dm {sent}"));
                if (reply is Ok { Dm: { } id })
                    acknowledged.Add(id);
                else
                    Assert.IsType<ErrorReply>(reply);
                if (acknowledged.Count == 30 && stopping is null)
                    stopping = _cluster[holding].TerminateAsync(TimeSpan.FromSeconds(60));
            }
            Assert.NotNull(stopping);
            Assert.Equal(0, await stopping);
            await _cluster.RemovedAsync(holding);

            var survivor = holding % 3 + 1;
            await using var bobAgain = await _cluster.LoggedInAsync(survivor, "bob", register: false);
            // More may have been acknowledged than one page holds (at most 200): page back to the first.
            var stored = new List<long>();
            for (long? before = null; ;)
            {
                var page = Assert.IsType<HistoryPage>(await bobAgain.RequestAsync(new HistoryRequest(With: senderName, Before: before, Limit: 200)));
                var ids = page.Messages.OfType<DirectMessage>().Select(m => m.Id).ToList();
                if (ids.Count == 0)
                    break;
                stored.AddRange(ids);
                before = ids.Min();
            }
            Assert.Equal(stored.Distinct().Count(), stored.Count);
            Assert.Empty(acknowledged.Except(stored));

            Assert.IsType<Ok>(await sender.RequestAsync(new SendDirect("bob", "after the move")));
            await bobAgain.ExpectAsync<DirectMessage>(m => m.Text == "after the move");
        }
    }

    /// <summary>A sender whose own user actor is not on the leaving node, so its answers are the recipient's side's doing.</summary>
    private async Task<(RawClient Client, string Name)> SenderAwayFromAsync(int holding)
    {
        var node = holding % 3 + 1;
        foreach (var name in new[] { "alice", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan" })
        {
            var client = await _cluster.LoggedInAsync(node, name);
            if (await NodeHoldingAsync(name) != holding)
                return (client, name);
            await client.DisposeAsync();
        }
        throw new InvalidOperationException("every sender's actor was on the node that leaves");
    }

    private async Task<int> NodeHoldingAsync(string user)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return _cluster.NodeHoldingUser(user);
            }
            catch (InvalidOperationException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
