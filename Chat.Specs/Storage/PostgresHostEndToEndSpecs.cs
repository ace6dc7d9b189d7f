using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Storage;

/// <summary>
/// Two real hosts on one PostgreSQL database, as two nodes will be: what one host stored,
/// the other serves; a resume token issued by one logs in on the other.
/// </summary>
[NeedsPostgres]
public sealed class PostgresHostEndToEndSpecs : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestHost _first = null!;
    private TestHost _second = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        var store = $"chat.store {{ kind = postgres, postgres.connection-string = \"{_database.ConnectionString}\" }}";
        _first = await TestHost.StartAsync(extraConfig: store);
        _second = await TestHost.StartAsync(extraConfig: store);
        await using var registrar = await _first.ConnectAsync();
        await registrar.HelloAsync();
        Assert.IsType<Ok>(await registrar.RequestAsync(new Register("alice", EndToEndSpec.Password)));
        Assert.IsType<Ok>(await registrar.RequestAsync(new Register("bob", EndToEndSpec.Password)));
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_resume_token_from_one_host_logs_in_on_the_other_once()
    {
        string token;
        await using (var alice = await _first.ConnectAsync())
        {
            await alice.HelloAsync();
            token = Assert.IsType<Ok>(await alice.RequestAsync(new Login("alice", EndToEndSpec.Password))).Resume!;
        }

        await using var back = await _second.ConnectAsync();
        await back.HelloAsync();
        var resumed = Assert.IsType<Ok>(await back.RequestAsync(new Resume(token)));

        Assert.Equal("alice", resumed.User);
        await using var again = await _first.ConnectAsync();
        await again.HelloAsync();
        await again.ExpectErrorAsync(new Resume(token), ErrorCodes.InvalidToken);
    }

    [Fact]
    public async Task A_direct_message_sent_on_one_host_to_an_offline_user_waits_for_them_on_the_other()
    {
        await using (var alice = await RawClient.LoggedInAsync(_first, "alice", EndToEndSpec.Password))
        {
            Assert.IsType<Ok>(await alice.RequestAsync(new SendDirect("bob", "stored in postgres")));
        }

        await using var bob = await RawClient.LoggedInAsync(_second, "bob", EndToEndSpec.Password);

        var dm = await bob.ExpectAsync<DirectMessage>();
        Assert.Equal(("alice", "stored in postgres"), (dm.From, dm.Text));
    }
}
