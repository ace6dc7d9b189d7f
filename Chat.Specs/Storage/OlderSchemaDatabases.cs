using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Host.Storage.Postgres;
using Chat.Specs.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Chat.Specs.Storage;

/// <summary>
/// A real SQLite file as a host of an older schema version left it, for migration specs: filled
/// through plain SQL at that version, then opened by today's store, which migrates it.
/// </summary>
public sealed class OlderSqliteFile : IDisposable
{
    private readonly TempDirectory _directory = new();

    public async Task<IChatStore> UpgradeAsync(int version, Action<SqliteConnection> fill)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_directory.Path, SqliteChatStore.FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString()))
        {
            connection.Open();
            SqliteSchema.Migrate(connection, NullLogger.Instance, upToVersion: version);
            fill(connection);
        }

        return await SqliteChatStore.OpenAsync(_directory.Path);
    }

    /// <summary>Runs one statement whose parameters are $1, $2, ... in order.</summary>
    public static void Execute(SqliteConnection connection, string sql, params object[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
            command.Parameters.AddWithValue($"${i + 1}", values[i]);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>
/// A real PostgreSQL database (its own, dropped after) as a host of an older schema version left
/// it, filled through plain SQL, then opened by today's store, which migrates it.
/// </summary>
public sealed class OlderPostgresDatabase : IAsyncDisposable
{
    private TestDatabase? _database;

    public async Task<IChatStore> UpgradeAsync(int version, Func<NpgsqlConnection, Task> fill)
    {
        _database ??= await TestPostgres.CreateDatabaseAsync();
        await using (var connection = await _database.OpenAsync())
        {
            await PostgresSchema.MigrateAsync(connection, NullLogger.Instance, CancellationToken.None, upToVersion: version);
            await fill(connection);
        }

        return await PostgresChatStore.OpenAsync(_database.ConnectionString);
    }

    /// <summary>Runs one statement whose parameters are $1, $2, ... in order.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
