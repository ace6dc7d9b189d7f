using Chat.Actors;
using Chat.Host.Storage;
using Npgsql;

namespace Chat.Host.Hosting;

/// <summary>
/// The message of the day new connections are welcomed with: the one `Chat.Host admin set-motd`
/// stored (host_settings, in SQLite or PostgreSQL), else chat.motd from HOCON. Looked up every <see cref="Interval"/> off the actors, so
/// an admin's change reaches the running host without a restart and a hello never waits on it.
/// </summary>
internal sealed class MotdBoard(HostConfiguration configuration, ILogger<MotdBoard> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private volatile ChatSettings _sessionSettings = configuration.Chat;

    /// <summary>
    /// The chat settings with the current message of the day, for a new connection's session: one
    /// copy each time the message changes, not one per connection (idle connections' memory).
    /// </summary>
    public ChatSettings SessionSettings => _sessionSettings;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On PostgreSQL a pool of its own (one connection at a time); a look a tick costs one
        // primary-key read, so polling stays (actions that must reach users at once are heard by
        // PostgresAdminActionsListener instead).
        await using var postgres = configuration.Store.Kind == StoreKind.Postgres
            ? NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(configuration.Store.PostgresConnectionString) { ApplicationName = "chat-motd", MaxPoolSize = 1 })
            : null;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var motd = (postgres is null ? ReadSqlite() : await ReadPostgresAsync(postgres, stoppingToken).ConfigureAwait(false)) ?? configuration.Chat.Motd;
                if (motd != _sessionSettings.Motd)
                    _sessionSettings = configuration.Chat with { Motd = motd };
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning("Could not read the message of the day from the store: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private string? ReadSqlite()
    {
        using var connection = SqliteHostSettings.OpenReadOnly(configuration.DataDirectory);
        return SqliteHostSettings.Read(connection, SqliteHostSettings.Motd);
    }

    private static async Task<string?> ReadPostgresAsync(NpgsqlDataSource postgres, CancellationToken cancellationToken)
    {
        await using var command = Storage.Postgres.PostgresCommands.Command(postgres, "SELECT value FROM host_settings WHERE name = $1;", SqliteHostSettings.Motd);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }
}
