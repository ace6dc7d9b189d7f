using Chat.Host.Admin;
using Chat.Protocol;
using Chat.Specs.Storage;
using Chat.Specs.Support;
using Npgsql;
using FactAttribute = Chat.Specs.Storage.FactAttribute;

namespace Chat.Specs.Cluster;

/// <summary>
/// The admin command beside a running cluster (issue 15): every node hears each action at its
/// commit, and exactly one node applies it to the sharded user or room, wherever that lives.
/// </summary>
[NeedsPostgres]
public sealed class ClusterAdminActionsEndToEndSpecs(SharedCluster shared) : IClassFixture<SharedCluster>
{
    private HostCluster Cluster => shared.Cluster;

    [Fact]
    public async Task An_account_disabled_loses_its_sessions_on_every_node_and_one_node_applied_it()
    {
        await using var onFirst = await Cluster.LoggedInAsync(1, "bob");
        await using var onThird = await Cluster.LoggedInAsync(3, "bob", register: false);

        Assert.Equal(AdminCommand.Done, Admin("disable", "bob", "left", "the", "team"));

        Assert.Equal(ErrorCodes.AccountDisabled, (await onFirst.ExpectAsync<Bye>()).Code);
        Assert.Equal(ErrorCodes.AccountDisabled, (await onThird.ExpectAsync<Bye>()).Code);
        // A later action as the marker: a node applies the actions it hears in order, so once one
        // logs the marker, the disable was applied; by the claim, on one node only.
        Assert.Equal(AdminCommand.Done, Admin("enable", "bob"));
        await Retry.UntilItPassesAsync(() =>
        {
            Assert.Contains("Admin action enable on bob reached the host", Cluster.Output);
            return Task.CompletedTask;
        });
        Assert.Equal(1, Occurrences(Cluster.Output, "Admin action disable on bob reached the host"));
        await using var connection = await Cluster.Database.OpenAsync();
        await using var unclaimed = new NpgsqlCommand("SELECT count(*) FROM admin_actions WHERE applied_by IS NULL;", connection);
        Assert.Equal(0L, await unclaimed.ExecuteScalarAsync());
    }

    private int Admin(params string[] args) =>
        AdminCommand.Run([.. args, "--store", "postgres", "--postgres", Cluster.Database.ConnectionString], () => null, TextWriter.Null, TextWriter.Null, _ => null);

    private static int Occurrences(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
