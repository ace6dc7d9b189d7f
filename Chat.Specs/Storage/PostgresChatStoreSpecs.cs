using Chat.Actors.Storage;
using Chat.Host.Storage.Postgres;
using Chat.Specs.Support;
using Npgsql;

namespace Chat.Specs.Storage;

/// <summary>
/// The store contract against a real PostgreSQL server (a database of its own per spec, dropped
/// after), plus what only PostgreSQL has: migrations under a lock, the writer's session, a lost
/// connection, query plans.
/// </summary>
[NeedsPostgres]
public sealed class PostgresChatStoreSpecs : ChatStoreContract
{
    private TestDatabase? _database;

    private TestDatabase Database => _database ?? throw new InvalidOperationException("The database is not created.");

    public override async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<IChatStore> OpenStoreAsync() => await PostgresChatStore.OpenAsync(Database.ConnectionString, Limits, time: Clock);

    [Fact]
    public async Task The_schema_version_is_recorded_once_and_reopening_runs_no_migration_again()
    {
        var before = await SchemaVersionsAsync();

        await ReopenAsync();
        await ReopenAsync();

        Assert.Equal(Range(1, PostgresSchema.LatestVersion), before.Select(v => (long)v.Version));
        Assert.Equal(before, await SchemaVersionsAsync());
    }

    [Fact]
    public async Task Hosts_starting_at_once_on_an_empty_database_migrate_it_once_and_all_open()
    {
        await using var empty = await TestPostgres.CreateDatabaseAsync();

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresChatStore.OpenAsync(empty.ConnectionString))));
        try
        {
            Assert.True(await stores[0].CreateAccountAsync(AnAccount("alice")));
            Assert.All(await Task.WhenAll(stores.Select(store => store.FindAccountAsync("alice"))), Assert.NotNull);
            await using var connection = await empty.OpenAsync();
            await using var versions = new NpgsqlCommand("SELECT count(*) FROM schema_version;", connection);
            Assert.Equal((long)PostgresSchema.LatestVersion, await versions.ExecuteScalarAsync());
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_database_from_a_newer_host_is_refused()
    {
        await Store.DisposeAsync();
        await ExecuteAsync("INSERT INTO schema_version (version, applied) VALUES (99, now());");

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresChatStore.OpenAsync(Database.ConnectionString));
        Assert.Contains("99", refusal.Message);
    }

    [Fact]
    public async Task The_writer_waits_for_the_server_to_flush_every_commit()
    {
        var writer = ((PostgresChatStore)Store).Writer;

        var setting = await writer.SubmitAsync(statements => Scalar(statements.Connection, "SHOW synchronous_commit;"), default);

        Assert.Equal("on", setting);
    }

    [Fact]
    public async Task After_the_server_drops_the_writers_connection_the_next_writes_are_stored()
    {
        await AppendRoomMessagesAsync("lobby", 1);
        await ExecuteAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{PostgresGroupCommitWriter.ApplicationName}';");

        await Store.AppendRoomMessageAsync(ARoomMessage("lobby", 2));
        await Store.AppendRoomMessageAsync(ARoomMessage("lobby", 3));

        Assert.Equal(Range(1, 3), Seqs(await ReadWholeRoomAsync(Store, "lobby", 10)));
    }

    [Fact]
    public async Task Of_two_hosts_claiming_look_alike_names_at_once_exactly_one_wins_each_time()
    {
        await CreateAccountsAsync("alice", "bob");
        await using var otherHost = await PostgresChatStore.OpenAsync(Database.ConnectionString);

        for (var round = 0; round < 10; round++)
        {
            var renames = await Task.WhenAll(
                Task.Run(() => Store.SetNicknameAsync("alice", $"Queen{round}")),
                Task.Run(() => otherHost.SetNicknameAsync("bob", $"QU\u0415EN{round}"))); // Cyrillic Е
            var registrations = await Task.WhenAll(
                Task.Run(() => Store.CreateAccountAsync(AnAccount($"bob{round}"))),
                Task.Run(() => otherHost.CreateAccountAsync(AnAccount($"b0b{round}"))));

            Assert.Single(renames, won => won);
            Assert.Single(registrations, created => created);
        }
    }

    [Fact]
    public void A_connection_string_is_described_without_its_password()
    {
        var description = PostgresChatStore.Describe("Host=db.example;Port=5433;Database=chat;Username=chat;Password=hunter2");

        Assert.Equal("PostgreSQL database \"chat\" on db.example:5433", description);
    }

    private async Task<List<(int Version, DateTime Applied)>> SchemaVersionsAsync()
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, applied FROM schema_version ORDER BY version;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<(int, DateTime)>();
        while (await reader.ReadAsync())
        {
            versions.Add((reader.GetInt32(0), reader.GetDateTime(1)));
        }

        return versions;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
