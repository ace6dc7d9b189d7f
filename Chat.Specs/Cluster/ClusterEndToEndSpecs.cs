using Chat.Protocol;
using Chat.Specs.Storage;
using Chat.Specs.Support;
using FactAttribute = Chat.Specs.Storage.FactAttribute;

namespace Chat.Specs.Cluster;

/// <summary>Three host processes, one cluster, one PostgreSQL database, shared by the specs of <see cref="ClusterEndToEndSpecs"/>.</summary>
public sealed class SharedCluster : IAsyncLifetime
{
    private HostCluster? _cluster;

    public HostCluster Cluster => _cluster ?? throw new InvalidOperationException(TestPostgres.SkipReason);

    // Skipped specs (no server here) must not need one to construct their fixture.
    public async Task InitializeAsync()
    {
        if (TestPostgres.SkipReason is null)
            _cluster = await HostCluster.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }
}

/// <summary>
/// Issue 14, item 7 a to c: users on three nodes of a cluster are in one chat. Rooms and users are
/// sharded entities somewhere in the cluster; each client is connected to the node the spec names.
/// </summary>
[NeedsPostgres]
public sealed class ClusterEndToEndSpecs(SharedCluster shared) : IClassFixture<SharedCluster>
{
    private HostCluster Cluster => shared.Cluster;

    [Fact]
    public async Task A_room_across_three_nodes_reaches_everyone_in_the_same_order()
    {
        const int PerSender = 10;
        await using var ann = await LoggedInAsync(1, "ann");
        await using var ben = await LoggedInAsync(2, "ben");
        await using var cat = await LoggedInAsync(3, "cat");
        RawClient[] everyone = [ann, ben, cat];
        foreach (var client in everyone)
            Assert.IsType<Ok>(await client.RequestAsync(new Join("relay")));
        await ann.WaitForAsync<Joined>(j => j is { Room: "relay", User: "cat" });
        await ben.WaitForAsync<Joined>(j => j is { Room: "relay", User: "cat" });

        var sending = everyone.Select(async (client, index) =>
        {
            var ids = new List<RequestId>();
            for (var n = 0; n < PerSender; n++)
                ids.Add(await client.SendAsync(new Say("relay", $"{index}-{n}")));
            return ids;
        }).ToList();
        var seen = new List<List<(long Seq, string Text)>>();
        foreach (var client in everyone)
        {
            var messages = new List<(long, string)>();
            for (var n = 0; n < PerSender * everyone.Length; n++)
            {
                var message = await client.ExpectAsync<ChatMessage>(m => m.Room == "relay");
                messages.Add((message.Seq, message.Text));
            }
            seen.Add(messages);
        }
        foreach (var (client, ids) in everyone.Zip(await Task.WhenAll(sending)))
            foreach (var id in ids)
                Assert.IsType<Ok>(await client.ExpectReplyAsync(id));

        Assert.Equal(seen[0], seen[1]);
        Assert.Equal(seen[0], seen[2]);
        Assert.Equal(seen[0].Select(m => m.Seq).Order(), seen[0].Select(m => m.Seq));
        Assert.Equal(PerSender * everyone.Length, seen[0].Select(m => m.Text).Distinct().Count());
    }

    [Fact]
    public async Task A_direct_message_from_node_1_reaches_a_user_on_node_3()
    {
        await using var dora = await LoggedInAsync(1, "dora");
        await using var eli = await LoggedInAsync(3, "eli");

        Assert.IsType<Ok>(await dora.RequestAsync(new SendDirect("eli", "across the cluster")));

        var dm = await eli.ExpectAsync<DirectMessage>();
        Assert.Equal(("dora", "across the cluster"), (dm.From, dm.Text));
    }

    [Fact]
    public async Task An_offline_direct_message_sent_on_node_2_is_read_at_login_on_node_1()
    {
        await (await LoggedInAsync(1, "gus")).DisposeAsync();
        await using (var fay = await LoggedInAsync(2, "fay"))
            Assert.IsType<Ok>(await fay.RequestAsync(new SendDirect("gus", "while you were out")));

        await using var gus = await LoggedInAsync(1, "gus", register: false);

        var dm = await gus.ExpectAsync<DirectMessage>();
        Assert.Equal(("fay", "while you were out"), (dm.From, dm.Text));
    }

    [Fact]
    public async Task Two_terminals_on_two_nodes_both_get_a_direct_message()
    {
        await using var hal = await LoggedInAsync(1, "hal");
        await using var ivy = await LoggedInAsync(2, "ivy");
        await using var ivyElsewhere = await LoggedInAsync(3, "ivy", register: false);

        Assert.IsType<Ok>(await hal.RequestAsync(new SendDirect("ivy", "to both terminals")));

        Assert.Equal("to both terminals", (await ivy.ExpectAsync<DirectMessage>()).Text);
        Assert.Equal("to both terminals", (await ivyElsewhere.ExpectAsync<DirectMessage>()).Text);
    }

    private Task<RawClient> LoggedInAsync(int node, string user, bool register = true) => Cluster.LoggedInAsync(node, user, register);
}
