using Akka.Configuration;
using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Host.Storage.Postgres;
using Npgsql;

namespace Chat.Host.Hosting;

public enum StoreKind
{
    /// <summary>chat.db under the data directory: the embedded default, for one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that several nodes can share.</summary>
    Postgres,
}

/// <summary>Which store the host keeps the chat in: <c>chat.store</c>, then --store and --postgres.</summary>
public sealed record StoreSettings(StoreKind Kind, string PostgresConnectionString)
{
    public static StoreSettings Load(Config chat, ChatHostOptions options)
    {
        var kindText = options.Store ?? chat.GetString("store.kind", "sqlite");
        var connectionString = options.PostgresConnectionString ?? chat.GetString("store.postgres.connection-string", "");
        var kind = kindText.Trim().ToLowerInvariant() switch
        {
            "sqlite" => StoreKind.Sqlite,
            "postgres" or "postgresql" => StoreKind.Postgres,
            _ => throw new ArgumentException($"store \"{kindText}\" is neither sqlite nor postgres"),
        };
        if (kind == StoreKind.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException(
                "the postgres store needs a connection string: --postgres \"Host=...;Database=...;Username=...\" (or CHAT_POSTGRES)");
        }

        if (kind == StoreKind.Sqlite && !string.IsNullOrWhiteSpace(connectionString))
        {
            // Running on SQLite while the operator believes it shares a PostgreSQL database would
            // split the chat silently; saying so costs one flag.
            throw new ArgumentException(
                "a PostgreSQL connection string is set (--postgres or CHAT_POSTGRES) but the store is sqlite: add --store postgres, or drop the connection string");
        }

        if (kind == StoreKind.Postgres)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException invalid)
            {
                throw new ArgumentException($"the PostgreSQL connection string is not valid: {invalid.Message}", invalid);
            }
        }

        return new StoreSettings(kind, connectionString);
    }

    /// <summary>Where the chat is kept, for the log; never a password.</summary>
    public string Describe(string dataDirectory) =>
        Kind == StoreKind.Postgres
            ? PostgresChatStore.Describe(PostgresConnectionString)
            : $"SQLite {Path.Combine(dataDirectory, SqliteChatStore.FileName)}";

    /// <summary>Opens (creating and migrating) the chosen store.</summary>
    public async Task<IChatStore> OpenAsync(string dataDirectory, StoreLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            return Kind == StoreKind.Postgres
                ? await PostgresChatStore.OpenAsync(PostgresConnectionString, limits, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await SqliteChatStore.OpenAsync(dataDirectory, limits, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw new StoreUnavailableException($"could not open the chat store ({Describe(dataDirectory)}): {failure.Message}", failure);
        }
    }

    // The record's generated ToString would print the connection string, password and all.
    public override string ToString() => $"StoreSettings {{ Kind = {Kind} }}";
}

/// <summary>The store could not be opened: the host cannot start, and says why in one line.</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
