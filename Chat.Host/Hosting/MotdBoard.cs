using Chat.Host.Storage;

namespace Chat.Host.Hosting;

/// <summary>
/// The message of the day new connections are welcomed with: the one `Chat.Host admin set-motd`
/// stored (SQLite store only), else chat.motd from HOCON. Looked up every <see cref="Interval"/> off the actors, so
/// an admin's change reaches the running host without a restart and a hello never waits on it.
/// </summary>
internal sealed class MotdBoard(HostConfiguration configuration, ILogger<MotdBoard> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private volatile string _current = configuration.Chat.Motd;

    public string Current => _current;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The admin command keeps the MOTD in the SQLite database only; on PostgreSQL the HOCON
        // one stands (there is no chat.db to read, and looking would log a warning every tick).
        if (configuration.Store.Kind != StoreKind.Sqlite)
            return;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                using var connection = SqliteHostSettings.OpenReadOnly(configuration.DataDirectory);
                _current = SqliteHostSettings.Read(connection, SqliteHostSettings.Motd) ?? configuration.Chat.Motd;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                logger.LogWarning("Could not read the message of the day from the store: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
