using Akka.Actor;
using Akka.Hosting;
using Chat.Actors.Rooms;
using Chat.Host.Storage.Postgres;
using Npgsql;

namespace Chat.Host.Hosting;

/// <summary>
/// How a host on PostgreSQL learns what `Chat.Host admin` did: admin_actions' trigger sends
/// NOTIFY chat_admin_actions with the row's id when the command's transaction commits, and this
/// keeps a connection LISTENing, reads each announced row and tells the actors. Chosen over
/// polling as on SQLite: a change reaches every host at its commit rather than up to an interval
/// later, and an idle chat costs the database nothing (n hosts polling every 2 s is n queries
/// every 2 s, forever). A notification is lost while the connection is down, so after every
/// (re)connection the rows past the last one seen are read. On a cluster node an action is
/// claimed first (applied_by): rooms and users are sharded entities reachable from any node, so
/// exactly one node, the one whose claim wins, tells them; hosts that are not a cluster (each
/// with users of its own) all apply every action.
/// </summary>
internal sealed class PostgresAdminActionsListener(HostConfiguration configuration, ActorRegistry registry, ILogger<PostgresAdminActionsListener> logger) : BackgroundService
{
    public const string Channel = "chat_admin_actions";
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(2);
    private const string Columns = "id, action, username, room, reason";

    /// <summary>The ids this host applied, so a row both caught up with and then announced is applied once.</summary>
    private readonly HashSet<long> _applied = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration.Store.Kind != StoreKind.Postgres)
            return;
        var rooms = await registry.GetAsync<RoomSupervisor>(stoppingToken).ConfigureAwait(false);
        var claimant = configuration.Cluster is { } cluster ? $"{cluster.Host}:{cluster.Port}" : null;
        long? last = null;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString());
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                var heard = new List<long>();
                // Raised inside WaitAsync, on this loop's own flow: no other thread touches the list.
                connection.Notification += (_, e) => { if (long.TryParse(e.Payload, out var id)) heard.Add(id); };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                // What was done before this host started is in the accounts already: only newer actions are news.
                last ??= await LastIdAsync(connection, stoppingToken).ConfigureAwait(false);
                last = await ApplyAsync(connection, rooms, claimant, "id > $1", last.Value, last.Value, stoppingToken).ConfigureAwait(false);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                    foreach (var id in heard.ToList())
                        last = await ApplyAsync(connection, rooms, claimant, "id = $1", id, last.Value, stoppingToken).ConfigureAwait(false);
                    heard.Clear();
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The host stops: however the wait ended (Npgsql may say so with an exception of its own), that is all.
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning("Lost the store's admin actions channel ({Reason}); listening again in {Delay}", e.Message, ReconnectAfter);
                await Task.Delay(ReconnectAfter, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads (or, on a cluster node, claims) the rows WHERE says, tells the actors, and returns the newest id seen.</summary>
    private async Task<long> ApplyAsync(NpgsqlConnection connection, IActorRef rooms, string? claimant, string where, long value, long last, CancellationToken cancellationToken)
    {
        await using var command = claimant is null
            ? PostgresCommands.Command(connection, $"SELECT {Columns} FROM admin_actions WHERE {where} ORDER BY id;", value)
            : PostgresCommands.Command(connection, $"UPDATE admin_actions SET applied_by = $2 WHERE {where} AND applied_by IS NULL RETURNING {Columns};", value, claimant);
        var actions = new List<AdminAction>();
        await using (var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
                actions.Add(new AdminAction(row.GetInt64(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2), row.IsDBNull(3) ? null : row.GetString(3), row.IsDBNull(4) ? null : row.GetString(4)));
        }
        if (_applied.Count > 10_000)
            _applied.Clear();
        foreach (var action in actions.OrderBy(a => a.Id))
        {
            last = Math.Max(last, action.Id);
            if (!_applied.Add(action.Id))
                continue;
            if (action.Message() is { } message)
                rooms.Tell(message, ActorRefs.NoSender);
            logger.LogInformation("Admin action {Action} on {Target} reached the host", action.Action, action.Target);
        }
        // Claimed by another node: seen all the same.
        return where.StartsWith("id =", StringComparison.Ordinal) ? Math.Max(last, value) : last;
    }

    private static async Task<long> LastIdAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM admin_actions;", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    // A connection of its own (LISTEN holds it), kept alive so a dead link is noticed while waiting.
    private string ConnectionString()
    {
        var settings = new NpgsqlConnectionStringBuilder(configuration.Store.PostgresConnectionString) { Pooling = false, KeepAlive = 15 };
        settings.ApplicationName = "chat-admin-actions";
        return settings.ToString();
    }
}
