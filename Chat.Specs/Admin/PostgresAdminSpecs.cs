using Chat.Host.Admin;
using Chat.Protocol;
using Chat.Specs.Storage;
using Chat.Specs.Support;
using Npgsql;
using FactAttribute = Chat.Specs.Storage.FactAttribute;

namespace Chat.Specs.Admin;

/// <summary>
/// The admin command's contract on a PostgreSQL database that a running host uses, and what only
/// PostgreSQL has: a database no host ran on, and several hosts on one database.
/// </summary>
[NeedsPostgres]
public sealed class PostgresAdminCommandSpecs() : AdminCommandContract(AdminSpecStore.Postgres)
{
    [Fact]
    public async Task A_database_no_host_ran_on_exits_3_and_gets_no_schema()
    {
        await using var empty = await TestPostgres.CreateDatabaseAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = AdminCommand.Run(["list-users", "--store", "postgres", "--postgres", empty.ConnectionString], () => null, output, error, _ => null);

        Assert.Equal(AdminCommand.NotFound, code);
        Assert.Contains("no chat schema in the PostgreSQL database", error.ToString());
        await using var connection = await empty.OpenAsync();
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public';", connection);
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    [Fact]
    public void The_connection_string_comes_from_CHAT_POSTGRES_as_for_the_host()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new Dictionary<string, string> { ["CHAT_STORE"] = "postgres", ["CHAT_POSTGRES"] = Database!.ConnectionString };

        var code = AdminCommand.Run(["list-users", "--json"], () => null, output, error, environment.GetValueOrDefault);

        Assert.Equal((0, "[]"), (code, output.ToString().Trim()));
    }
}

/// <summary>
/// The admin verbs that rule accounts and rooms on a PostgreSQL database, and several hosts on it:
/// each hears of an action at its commit and acts on it for its own users.
/// </summary>
[NeedsPostgres]
public sealed class PostgresAdminModerationSpecs() : AdminModerationContract(AdminSpecStore.Postgres)
{
    [Fact]
    public async Task Disabling_an_account_ends_its_sessions_on_every_host_of_the_database()
    {
        await using var second = await TestHost.StartAsync(extraConfig: StoreConfig(Database!));
        await using var here = await LogInAsync("bob");
        await using var there = await RawClient.LoggedInAsync(second, "bob", Password);

        Assert.Equal(0, Admin("disable", "bob", "gone").ExitCode);

        Assert.Equal(ErrorCodes.AccountDisabled, (await here.ExpectAsync<Bye>()).Code);
        Assert.Equal(ErrorCodes.AccountDisabled, (await there.ExpectAsync<Bye>()).Code);
    }
}
