using Chat.Actors.Storage;

namespace Chat.Specs.Storage;

/// <summary>The name-claims migration (SQLite schema 4) against a real SQLite file left at schema 3.</summary>
public sealed class NameClaimsMigrationSpecs : NameClaimsMigrationContract, IDisposable
{
    private readonly OlderSqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    protected override Task<IChatStore> OpenUpgradedAsync(IReadOnlyList<OldAccount> accounts) =>
        _file.UpgradeAsync(3, connection =>
        {
            foreach (var account in accounts)
                OlderSqliteFile.Execute(connection, "INSERT INTO accounts (username, password_hash, nickname, created) VALUES ($1, 'h', $2, $3);", account.Username, account.Nickname, account.Created);
        });
}
