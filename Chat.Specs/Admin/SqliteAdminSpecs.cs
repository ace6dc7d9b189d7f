using Chat.Host.Admin;
using Chat.Host.Storage;
using Chat.Specs.Support;

namespace Chat.Specs.Admin;

/// <summary>The admin command's contract on a host's SQLite data directory, and what only SQLite has: a data directory without a database.</summary>
public sealed class SqliteAdminCommandSpecs() : AdminCommandContract(AdminSpecStore.Sqlite)
{
    [Fact]
    public void A_data_directory_without_a_database_exits_3_and_creates_none()
    {
        using var empty = new TempDirectory();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = AdminCommand.Run(["list-users", "--data", empty.Path], () => null, output, error, _ => null);

        Assert.Equal(AdminCommand.NotFound, code);
        Assert.Contains("no chat database in", error.ToString());
        Assert.False(File.Exists(Path.Combine(empty.Path, SqliteChatStore.FileName)));
    }
}

/// <summary>The admin verbs that rule accounts and rooms, on a host's SQLite data directory.</summary>
public sealed class SqliteAdminModerationSpecs() : AdminModerationContract(AdminSpecStore.Sqlite);
