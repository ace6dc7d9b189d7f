using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

/// <summary>
/// The name-claims migration (PostgreSQL schema 2, its keys worked out in C#) against a real
/// database left at schema 1.
/// </summary>
[NeedsPostgres]
public sealed class PostgresNameClaimsMigrationSpecs : NameClaimsMigrationContract, IAsyncDisposable
{
    private readonly OlderPostgresDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override Task<IChatStore> OpenUpgradedAsync(IReadOnlyList<OldAccount> accounts) =>
        _database.UpgradeAsync(1, async connection =>
        {
            foreach (var account in accounts)
                await OlderPostgresDatabase.ExecuteAsync(connection, "INSERT INTO accounts (username, password_hash, nickname, created) VALUES ($1, 'h', $2, $3);", account.Username, account.Nickname, DateTimeOffset.FromUnixTimeMilliseconds(account.Created).UtcDateTime);
        });
}
