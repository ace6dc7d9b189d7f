using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Specs.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Specs.Storage;

/// <summary>The name-claims migration (SQLite schema 4) against a real SQLite file left at schema 3.</summary>
public sealed class NameClaimsMigrationSpecs : NameClaimsMigrationContract, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override async Task<IChatStore> OpenUpgradedAsync(IReadOnlyList<OldAccount> accounts)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_directory.Path, SqliteChatStore.FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString()))
        {
            connection.Open();
            SqliteSchema.Migrate(connection, NullLogger.Instance, upToVersion: 3);
            foreach (var account in accounts)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO accounts (username, password_hash, nickname, created) VALUES ($username, 'h', $nickname, $created);";
                insert.Parameters.AddWithValue("$username", account.Username);
                insert.Parameters.AddWithValue("$nickname", account.Nickname);
                insert.Parameters.AddWithValue("$created", account.Created);
                insert.ExecuteNonQuery();
            }
        }

        return await SqliteChatStore.OpenAsync(_directory.Path);
    }
}
