using Chat.Host.Storage;
using Chat.Specs.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Specs.Storage;

/// <summary>
/// Schema 3 gives existing accounts their name claims. Usernames never change; on a clash the
/// older account keeps the key, and a nickname that breaks today's rules or looks like a name
/// another account holds becomes the account's username again.
/// </summary>
public sealed class NameClaimsMigrationSpecs : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Existing_look_alike_and_broken_nicknames_go_back_to_their_usernames_and_the_oldest_keeps_a_name()
    {
        using (var connection = OpenFile())
        {
            SqliteSchema.Migrate(connection, NullLogger.Instance, upToVersion: 2);
            Execute(connection, """
                INSERT INTO accounts (username, password_hash, nickname, created) VALUES
                    ('alice',   'h', 'Alice',             1),
                    ('mallory', 'h', 'ALICE',             2),
                    ('carol',   'h', char(0x202E) || 'lorac', 3),
                    ('dave',    'h', 'Queen',             4),
                    ('erin',    'h', 'Qu' || char(0x0435) || 'en', 5),
                    ('bob',     'h', 'bob',               6),
                    ('b0b',     'h', 'b0b',               7);
                """);
        }

        await using var store = await SqliteChatStore.OpenAsync(_directory.Path);

        async Task<string> NickOf(string user) => (await store.FindAccountAsync(user))!.Nickname;
        Assert.Equal("Alice", await NickOf("alice"));
        Assert.Equal("mallory", await NickOf("mallory")); // looked like alice's username
        Assert.Equal("carol", await NickOf("carol")); // held a right-to-left override
        Assert.Equal("Queen", await NickOf("dave"));
        Assert.Equal("erin", await NickOf("erin")); // the younger of two look-alike nicknames
        Assert.Equal("b0b", await NickOf("b0b")); // usernames stay; bob, the older, holds the key

        Assert.False(await store.SetNicknameAsync("mallory", "Queen"));
        Assert.False(await store.SetNicknameAsync("mallory", "B0B"));
        Assert.True(await store.SetNicknameAsync("erin", "Erin"));
        Assert.True(await store.SetNicknameAsync("dave", "Dave"));
        Assert.True(await store.SetNicknameAsync("erin", "Queen"));
    }

    private SqliteConnection OpenFile()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_directory.Path, SqliteChatStore.FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
