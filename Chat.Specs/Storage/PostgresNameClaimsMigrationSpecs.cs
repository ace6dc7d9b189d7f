using Chat.Actors.Storage;
using Chat.Host.Storage.Postgres;
using Chat.Specs.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Chat.Specs.Storage;

/// <summary>
/// The name-claims migration (PostgreSQL schema 2, its keys worked out in C#) against a real
/// database left at schema 1.
/// </summary>
[NeedsPostgres]
public sealed class PostgresNameClaimsMigrationSpecs : NameClaimsMigrationContract, IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }

    protected override async Task<IChatStore> OpenUpgradedAsync(IReadOnlyList<OldAccount> accounts)
    {
        await using (var connection = await _database!.OpenAsync())
        {
            await PostgresSchema.MigrateAsync(connection, NullLogger.Instance, CancellationToken.None, upToVersion: 1);
            foreach (var account in accounts)
            {
                await using var insert = new NpgsqlCommand("INSERT INTO accounts (username, password_hash, nickname, created) VALUES ($1, 'h', $2, $3);", connection);
                insert.Parameters.Add(new NpgsqlParameter { Value = account.Username });
                insert.Parameters.Add(new NpgsqlParameter { Value = account.Nickname });
                insert.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.FromUnixTimeMilliseconds(account.Created).UtcDateTime });
                await insert.ExecuteNonQueryAsync();
            }
        }

        return await PostgresChatStore.OpenAsync(_database.ConnectionString);
    }
}
