using Npgsql;

namespace Chat.Specs.Support;

/// <summary>
/// The PostgreSQL server the specs may use, named by a connection string in
/// <see cref="EnvironmentVariable"/> (<c>scripts/throwaway-postgres.sh</c> and <c>.ci/run</c>
/// start one and set it). Without it, specs that need the server are skipped, except under CI,
/// where they fail: CI must never pass by not testing the store.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "CHAT_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Why specs needing the server are skipped here; null when they run (or must run, and fail).</summary>
    public static string? SkipReason =>
        ConnectionString is null && !IsCi
            ? $"no PostgreSQL server: set {EnvironmentVariable} to a connection string, or run the specs under scripts/throwaway-postgres.sh (README, Tests)"
            : null;

    private static bool IsCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0";

    /// <summary>Creates an empty database of its own on the server; dispose drops it.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var server = ConnectionString ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set, and CI is: the PostgreSQL store specs must run in CI (.ci/run starts a server and sets it).");
        var name = $"chat_spec_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            try
            {
                // A language whose order is not the code points', so specs see whether the
                // store depends on the database's default collation (SQLite's is binary).
                await ExecuteAsync(admin, $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US';");
            }
            catch (PostgresException noIcu) when (noIcu.SqlState is PostgresErrorCodes.SyntaxError or PostgresErrorCodes.FeatureNotSupported)
            {
                // Before PostgreSQL 15, or built without ICU: the server's default will do.
                await ExecuteAsync(admin, $"CREATE DATABASE {name};");
            }
        }

        return new TestDatabase(server, name);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>One spec's database: its connection string, and a drop when disposed.</summary>
public sealed class TestDatabase(string serverConnectionString, string name) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ToString();

    public async Task<NpgsqlConnection> OpenAsync()
    {
        // Not pooled: a spec's own look underneath must not hold a connection that blocks the drop.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false }.ToString());
        await admin.OpenAsync();
        // FORCE: a store a failed spec left open must not keep the database alive.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE);", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
