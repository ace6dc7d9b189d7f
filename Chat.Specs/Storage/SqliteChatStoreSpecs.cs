using Chat.Actors.Storage;
using Chat.Host.Storage;
using Chat.Specs.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Specs.Storage;

/// <summary>The store contract against a real SQLite file, plus what only SQLite has: WAL, migrations, query plans.</summary>
public sealed class SqliteChatStoreSpecs : ChatStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override async Task<IChatStore> OpenStoreAsync() => await SqliteChatStore.OpenAsync(_directory.Path, Limits, time: Clock);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public void The_file_is_chat_db_in_the_data_directory_and_in_WAL_mode()
    {
        using var connection = OpenDatabaseFile();

        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task The_data_directory_is_created_when_missing()
    {
        var nested = Path.Combine(_directory.Path, "not", "yet", "there");

        await using var store = await SqliteChatStore.OpenAsync(nested);

        Assert.True(File.Exists(Path.Combine(nested, SqliteChatStore.FileName)));
    }

    [Fact]
    public async Task The_writer_syncs_every_commit_and_enforces_foreign_keys()
    {
        var writer = ((SqliteChatStore)Store).Writer;

        // 2 = FULL: a commit survives power loss, not only a process crash.
        Assert.Equal(2L, await writer.SubmitAsync(statements => Scalar(statements.Connection, "PRAGMA synchronous;"), default));
        Assert.Equal(1L, await writer.SubmitAsync(statements => Scalar(statements.Connection, "PRAGMA foreign_keys;"), default));
    }

    [Fact]
    public async Task The_schema_version_is_recorded_once_and_reopening_runs_no_migration_again()
    {
        var before = SchemaVersions();

        await ReopenAsync();
        await ReopenAsync();

        var after = SchemaVersions();
        Assert.Equal(Range(1, SqliteSchema.LatestVersion), before.Select(v => v.Version));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_file_from_before_memberships_is_upgraded_and_its_direct_messages_count_as_unread_and_undelivered()
    {
        var oldHostDirectory = Directory.CreateDirectory(Path.Combine(_directory.Path, "old-host")).FullName;
        using (var connection = OpenDatabaseFile(oldHostDirectory, SqliteOpenMode.ReadWriteCreate))
        {
            SqliteSchema.Migrate(connection, NullLogger.Instance, upToVersion: 1);
            Scalar(connection, "INSERT INTO accounts VALUES ('alice', 'hash', 'Alice', 0), ('bob', 'hash', 'Bob', 0);");
            Scalar(connection, "INSERT INTO direct_messages (sender, sender_nickname, recipient, text, ts) VALUES ('bob', 'Bob', 'alice', 'old', 0);");
        }

        await using var upgraded = await SqliteChatStore.OpenAsync(oldHostDirectory);

        Assert.Null((await upgraded.FindAccountAsync("alice"))!.LastSeen);
        Assert.Equal([new UnreadDirect("bob", 1)], (await upgraded.UnreadAsync("alice")).Direct);
        Assert.Equal(["old"], (await upgraded.UndeliveredDirectMessagesAsync("alice", 10)).Select(m => m.Text));
        Assert.True(await upgraded.AddRoomMemberAsync("lobby", "alice"));
    }

    [Fact]
    public async Task A_file_from_a_newer_host_is_refused()
    {
        await Store.DisposeAsync();
        using (var connection = OpenDatabaseFile())
        {
            Scalar(connection, "INSERT INTO schema_version (version, applied) VALUES (99, 0);");
        }

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteChatStore.OpenAsync(_directory.Path));
        Assert.Contains("99", refusal.Message);
    }

    [Theory]
    [InlineData(SqliteChatReads.RoomPageSql, "room_messages USING PRIMARY KEY")]
    [InlineData(SqliteChatReads.LastRoomSeqSql, "room_messages USING PRIMARY KEY")]
    [InlineData(SqliteChatReads.FindAccountSql, "accounts USING PRIMARY KEY")]
    [InlineData(SqliteChatReads.DirectPageSql, "direct_messages USING INDEX direct_messages_by_conversation")]
    [InlineData(SqliteChatReads.RoomsOfSql, "room_members USING COVERING INDEX room_members_by_user (username=?)")]
    [InlineData(SqliteChatReads.RoomsWithJoinedSql, "room_members USING INDEX room_members_by_user (username=?)")]
    [InlineData(SqliteChatReads.OpenDirectsSql, "open_directs USING COVERING INDEX open_directs_in_order (username=?)")]
    // The room-unread count must be a range on the (room, seq) key, not a walk of the room.
    [InlineData(SqliteChatReads.UnreadRoomsSql, "room_messages USING PRIMARY KEY (room=? AND seq>?)")]
    [InlineData(SqliteChatReads.UnreadDirectSql, "direct_messages USING COVERING INDEX direct_messages_unread (recipient=?)")]
    [InlineData(SqliteChatReads.UndeliveredDirectSql, "direct_messages USING INDEX direct_messages_undelivered (recipient=?)")]
    public async Task Reads_search_an_index_and_never_scan_or_sort(string sql, string expectedSearch)
    {
        await AppendRoomMessagesAsync("lobby", 3);
        using var connection = OpenDatabaseFile();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "$username", "$room", "$user", "$other" })
        {
            explain.Parameters.AddWithValue(name, "x");
        }

        explain.Parameters.AddWithValue("$before", long.MaxValue);
        explain.Parameters.AddWithValue("$limit", 50);
        var plan = string.Join('\n', Rows(explain));

        Assert.Contains("SEARCH " + expectedSearch, plan);
        Assert.DoesNotContain("SCAN", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    /// <summary>A plain connection to the store's file, for looking underneath the store.</summary>
    private SqliteConnection OpenDatabaseFile(string? directory = null, SqliteOpenMode mode = SqliteOpenMode.ReadWrite)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory ?? _directory.Path, SqliteChatStore.FileName),
            Mode = mode,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private List<(long Version, long Applied)> SchemaVersions()
    {
        using var connection = OpenDatabaseFile();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, applied FROM schema_version ORDER BY version;";
        using var reader = command.ExecuteReader();
        var versions = new List<(long, long)>();
        while (reader.Read())
        {
            versions.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return versions;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static IEnumerable<string> Rows(SqliteCommand explain)
    {
        using var reader = explain.ExecuteReader();
        while (reader.Read())
        {
            yield return reader.GetString(reader.GetOrdinal("detail"));
        }
    }
}
