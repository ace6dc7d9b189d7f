using System.Text.Json;
using Chat.Host.Admin;
using Chat.Protocol;
using Chat.Specs.Support;
using FactAttribute = Chat.Specs.Storage.FactAttribute;
using TheoryAttribute = Chat.Specs.Storage.TheoryAttribute;

namespace Chat.Specs.Admin;

/// <summary>
/// `Chat.Host admin` against the real store of a host that is running, as an admin on the box
/// would use it: what it prints, its exit codes, and what the running host then does. Runs once
/// per store (<see cref="SqliteAdminCommandSpecs"/>, <see cref="PostgresAdminCommandSpecs"/>).
/// </summary>
public abstract class AdminCommandContract(AdminSpecStore store) : AdminSpec(store)
{
    [Fact]
    public async Task Create_user_makes_an_account_the_running_host_logs_in()
    {
        var created = AdminReading("carol-pass1", "create-user", "Carol");

        Assert.Equal((0, "carol: created\n"), (created.ExitCode, created.Output));
        await using var carol = await RawClient.LoggedInAsync(Host, "carol", "carol-pass1");
    }

    [Theory]
    [InlineData("password1", "taken", "create-user", "alice")]
    [InlineData("password1", "not a username", "create-user", "a!")]
    [InlineData("short", "at least 8", "create-user", "dave")]
    public async Task Create_user_refuses_with_exit_code_4_and_says_why(string password, string why, params string[] args)
    {
        await RegisterAsync("alice", "password1");

        var refused = AdminReading(password, args);

        Assert.Equal(AdminCommand.Refused, refused.ExitCode);
        Assert.Contains(why, refused.Error);
    }

    [Fact]
    public async Task Reset_password_changes_it_and_signs_the_account_out_of_its_resumable_sessions()
    {
        await RegisterAsync("alice", "password1");
        string token;
        await using (var alice = await Host.ConnectAsync())
        {
            await alice.HelloAsync();
            token = Assert.IsType<Ok>(await alice.RequestAsync(new Login("alice", "password1"))).Resume!;
        }

        var reset = AdminReading("new-password2", "reset-password", "alice");

        Assert.Equal(0, reset.ExitCode);
        await using var client = await Host.ConnectAsync();
        await client.HelloAsync();
        Assert.IsType<ErrorReply>(await client.RequestAsync(new Resume(token)));
        await client.ExpectErrorAsync(new Login("alice", "password1"), ErrorCodes.BadCredentials);
        Assert.IsType<Ok>(await client.RequestAsync(new Login("alice", "new-password2")));
    }

    [Fact]
    public void Reset_password_of_nobody_exits_3()
    {
        var missing = AdminReading("new-password2", "reset-password", "nobody");

        Assert.Equal(AdminCommand.NotFound, missing.ExitCode);
        Assert.Contains("no such user: nobody", missing.Error);
    }

    [Fact]
    public async Task List_users_shows_every_account_with_when_it_was_last_seen()
    {
        await RegisterAsync("alice", "password1");
        await RegisterAsync("bob", "password1");
        await using (await RawClient.LoggedInAsync(Host, "bob", "password1"))
        {
        }

        await Retry.UntilItPassesAsync(() =>
        {
            var listed = Admin("list-users", "--json");
            Assert.Equal(0, listed.ExitCode);
            var users = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().ToDictionary(u => u.GetProperty("user").GetString()!);
            Assert.Equal(["alice", "bob"], users.Keys.Order());
            Assert.Equal(JsonValueKind.Null, users["alice"].GetProperty("last_seen").ValueKind);
            Assert.Equal(JsonValueKind.String, users["bob"].GetProperty("last_seen").ValueKind);
            return Task.CompletedTask;
        });
        var table = Admin("list-users").Output.Split('\n');
        Assert.StartsWith("USER", table[0]);
        Assert.Matches(@"^alice\s+alice\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+never$", table[1]);
        Assert.Equal("2 accounts", table[3]);
    }

    [Fact]
    public async Task Set_motd_reaches_new_connections_of_the_running_host()
    {
        Assert.Contains("(from the configuration)", Admin("motd").Output);

        var set = Admin("set-motd", "Deploy", "at", "five");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal("""{"motd":"Deploy at five","source":"admin"}""", Admin("motd", "--json").Output.Trim());
        await Retry.UntilItPassesAsync(async () =>
        {
            await using var client = await Host.ConnectAsync();
            Assert.Equal("Deploy at five", (await client.HelloAsync()).Motd);
        });
    }

    [Theory]
    [InlineData("which verb?")]
    [InlineData("unknown verb \"frobnicate\"", "frobnicate", "x")]
    [InlineData("create-user takes one operand, not 0", "create-user")]
    [InlineData("list-users takes no operand, not 1", "list-users", "extra")]
    [InlineData("unknown option --force", "--force", "list-users")]
    public void Bad_arguments_exit_2_with_a_clear_error(string message, params string[] args)
    {
        var bad = Admin(args);

        Assert.Equal(AdminCommand.BadArguments, bad.ExitCode);
        Assert.Contains(message, bad.Error);
    }
}
