using Akka.Hosting;
using Chat.Actors.Rooms;
using Chat.Host.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Host.Hosting;

/// <summary>
/// How the running host learns what `Chat.Host admin` did: the command records each action that
/// concerns a running host (an account disabled, banned, made or unmade a host operator, a room
/// deleted) in admin_actions, in the transaction that makes the change, and this reads the rows
/// past the last it saw every <see cref="Interval"/> and tells the actors. Chosen over the admin
/// command talking to the host: it works whether the host runs or not (the change is in the
/// store, the next host start reads the account as it is), needs no operator login or socket
/// for the command. SQLite only: on PostgreSQL the hosts hear of each action at its commit
/// instead (<see cref="PostgresAdminActionsListener"/>).
/// </summary>
internal sealed class AdminActionsWatcher(HostConfiguration configuration, ActorRegistry registry, ILogger<AdminActionsWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration.Store.Kind != StoreKind.Sqlite)
            return;
        var rooms = await registry.GetAsync<RoomSupervisor>(stoppingToken).ConfigureAwait(false);
        // What was done before this host started is in the accounts already: only newer actions are news.
        long? last = null;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                using var connection = SqliteHostSettings.OpenReadOnly(configuration.DataDirectory);
                if (last is not { } seen)
                {
                    last = LastId(connection);
                    continue;
                }
                foreach (var action in ActionsAfter(connection, seen))
                {
                    last = action.Id;
                    if (action.Message() is { } message)
                        rooms.Tell(message, Akka.Actor.ActorRefs.NoSender);
                    logger.LogInformation("Admin action {Action} on {Target} reached the host", action.Action, action.Target);
                }
            }
            catch (Exception e) when (e is SqliteException or IOException)
            {
                logger.LogWarning("Could not read the admin actions from the store: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static long LastId(SqliteConnection connection)
    {
        using var command = connection.Command("SELECT coalesce(max(id), 0) FROM admin_actions;", null);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<AdminAction> ActionsAfter(SqliteConnection connection, long after)
    {
        using var command = connection.Command("SELECT id, action, username, room, reason FROM admin_actions WHERE id > $after ORDER BY id LIMIT 100;", null, ("$after", after));
        using var row = command.ExecuteReader();
        var actions = new List<AdminAction>();
        while (row.Read())
            actions.Add(new AdminAction(row.GetInt64(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2), row.IsDBNull(3) ? null : row.GetString(3), row.IsDBNull(4) ? null : row.GetString(4)));
        return actions;
    }
}
