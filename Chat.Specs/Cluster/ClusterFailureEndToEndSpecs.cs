using Chat.Protocol;
using Chat.Specs.Storage;
using Chat.Specs.Support;
using FactAttribute = Chat.Specs.Storage.FactAttribute;

namespace Chat.Specs.Cluster;

/// <summary>
/// Issue 14, item 7 d and e: the node holding a busy room is lost (kill -9) or leaves (SIGTERM)
/// while a writer on every node says lines as fast as they are acknowledged. The room starts
/// again on another node from the store; every acknowledged line is in its history once, at its
/// seq, and the writer of the lost node resumes on another node with its token.
/// </summary>
[NeedsPostgres]
public sealed class ClusterFailureEndToEndSpecs : IAsyncLifetime
{
    private const string Password = "password1";
    private readonly AcknowledgedWrites _writes = new("lobby");
    private HostCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await HostCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Kill_9_of_the_node_holding_the_room_loses_no_acknowledged_message()
    {
        var (lost, resumeToken, acknowledged) = await WriteUntilTheRoomsNodeGoesAsync(node => node.KillAsync());
        await _cluster.RemovedAsync(lost);

        await AssertTheRoomGoesOnAsync(lost, resumeToken, acknowledged);
    }

    [Fact]
    public async Task Sigterm_of_the_node_holding_the_room_hands_it_off_and_loses_no_acknowledged_message()
    {
        var (lost, resumeToken, acknowledged) = await WriteUntilTheRoomsNodeGoesAsync(async node =>
            Assert.Equal(0, await node.TerminateAsync(TimeSpan.FromSeconds(60))));
        await _cluster.RemovedAsync(lost);

        await AssertTheRoomGoesOnAsync(lost, resumeToken, acknowledged);
    }

    /// <summary>One writer per node; once plenty is acknowledged, the node holding the lobby goes.</summary>
    private async Task<(int Node, string ResumeToken, List<AcknowledgedWrites.Acknowledged> Acknowledged)> WriteUntilTheRoomsNodeGoesAsync(Func<HostProcess, Task> stop)
    {
        var writers = new List<RawClient>();
        var tokens = new List<string>();
        for (var node = 1; node <= 3; node++)
        {
            var client = await _cluster[node].ConnectAsync();
            await client.HelloAsync();
            Assert.IsType<Ok>(await client.RequestAsync(new Register($"writer{node}", Password)));
            tokens.Add(Assert.IsType<Ok>(await client.RequestAsync(new Login($"writer{node}", Password))).Resume!);
            writers.Add(client);
        }
        using var nodeGone = new CancellationTokenSource();
        var writing = writers.Select((client, index) => _writes.WriteUntilCutOffAsync(client, $"w{index + 1}", nodeGone.Token)).ToArray();
        await _writes.UntilAcknowledgedAsync(150);

        var holding = _cluster.NodeHolding("lobby");
        await stop(_cluster[holding]);
        // Writers on the other nodes are cut off only if the room refused them while it moved.
        await nodeGone.CancelAsync();
        var acknowledged = (await Task.WhenAll(writing)).SelectMany(a => a).ToList();
        foreach (var writer in writers)
            await writer.DisposeAsync();
        Assert.True(acknowledged.Count >= 150, _cluster.Output);
        return (holding, tokens[holding - 1], acknowledged);
    }

    /// <summary>The lost node's writer resumes on another node, says one more line, and reads the whole history.</summary>
    private async Task AssertTheRoomGoesOnAsync(int lost, string resumeToken, List<AcknowledgedWrites.Acknowledged> acknowledged)
    {
        var survivor = lost % 3 + 1;
        await using var client = await _cluster[survivor].ConnectAsync();
        await client.HelloAsync();
        Assert.Equal($"writer{lost}", Assert.IsType<Ok>(await client.RequestAsync(new Resume(resumeToken))).User);
        // The room starts again once sharding has placed its shard anew, which waits for the
        // coordinator too when it was on the lost node (it moves with the oldest node): allow it
        // a few patiences, in which the one request stays the same.
        var say = await client.SendAsync(new Say("lobby", "after the loss"));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reply = await client.ExpectReplyAsync(say);
                Assert.True(reply is Ok, $"{reply}");
                break;
            }
            catch (OperationCanceledException) when (attempt < 6)
            {
            }

        }

        AcknowledgedWrites.AssertInHistoryOnceInOrder(acknowledged, await _writes.HistoryAsync(client), "after the loss");
        Assert.NotEqual(lost, _cluster.NodeHolding("lobby"));
    }
}
