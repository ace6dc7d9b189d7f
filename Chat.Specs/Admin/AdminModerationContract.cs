using System.Text.Json;
using Chat.Host.Admin;
using Chat.Protocol;
using Chat.Specs.Support;
using FactAttribute = Chat.Specs.Storage.FactAttribute;
using TheoryAttribute = Chat.Specs.Storage.TheoryAttribute;

namespace Chat.Specs.Admin;

/// <summary>
/// The admin verbs that rule accounts and rooms (issue 15, item 3), against the real store of a
/// running host: what they print and exit with, and what the running host does. Runs once per
/// store (<see cref="SqliteAdminModerationSpecs"/>, <see cref="PostgresAdminModerationSpecs"/>).
/// </summary>
public abstract class AdminModerationContract(AdminSpecStore store) : AdminSpec(store, "alice", "bob", "carol")
{

    private async Task<ErrorReply> RefusedLoginAsync(string user, string code)
    {
        await using var client = await Host.ConnectAsync();
        await client.HelloAsync();
        return await client.ExpectErrorAsync(new Login(user, Password), code);
    }

    [Fact]
    public async Task A_host_operator_rules_a_room_they_neither_own_nor_are_in()
    {
        await using var alice = await LogInAsync("alice");
        await using var carol = await LogInAsync("carol");
        await alice.RequestAsync(new Join("dev"));
        await carol.RequestAsync(new Join("dev"));

        var granted = Admin("grant-operator", "Bob");

        Assert.Equal((0, "bob: host operator: rules every room\n"), (granted.ExitCode, granted.Output));
        await using var bob = await LogInAsync("bob");
        Assert.IsType<Ok>(await bob.RequestAsync(new Kick("dev", "alice", "host says so")));
        await carol.ExpectAsync<ModerationNotice>(n => n is { Action: "kick", By: "bob", User: "alice" });

        Assert.Equal(0, Admin("revoke-operator", "bob").ExitCode);
        await using var plain = await LogInAsync("bob");
        await plain.ExpectErrorAsync(new Kick("dev", "carol"), ErrorCodes.NotPermitted);
    }

    [Fact]
    public async Task A_host_operator_revoked_while_in_a_room_loses_the_rights_there_at_once_and_one_granted_gains_them()
    {
        Assert.Equal(0, Admin("grant-operator", "bob").ExitCode);
        await using var alice = await LogInAsync("alice");
        await using var bob = await LogInAsync("bob");
        await using var carol = await LogInAsync("carol");
        await alice.RequestAsync(new Join("dev"));
        await bob.RequestAsync(new Join("dev"));
        await carol.RequestAsync(new Join("dev"));
        Assert.Equal("operator", (await alice.ExpectAsync<Joined>(j => j is { Room: "dev", User: "bob" })).Role);

        Assert.Equal(0, Admin("revoke-operator", "bob").ExitCode);

        // The room says so as soon as the host has it: no rejoin, no new login.
        await alice.ExpectAsync<RoleChanged>(r => r is { Room: "dev", User: "bob", Role: null });
        var refused = await bob.ExpectErrorAsync(new Kick("dev", "carol"), ErrorCodes.NotPermitted);
        Assert.Contains("only dev's operators may use kick", refused.Message);
        // And he ranks as a member again: the owner may kick him.
        Assert.IsType<Ok>(await alice.RequestAsync(new Kick("dev", "bob")));
        await bob.ExpectAsync<Left>(l => l is { Room: "dev", User: "bob" });

        Assert.Equal(0, Admin("grant-operator", "carol").ExitCode);

        await alice.ExpectAsync<RoleChanged>(r => r is { Room: "dev", User: "carol", Role: "operator" });
        Assert.IsType<Ok>(await carol.RequestAsync(new Kick("dev", "alice", "host says so")));
        await alice.ExpectAsync<Left>(l => l is { Room: "dev", User: "alice" });
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_sessions_with_a_reason_and_refuses_its_logins_until_enabled()
    {
        await using var bob = await LogInAsync("bob");

        var disabled = Admin("disable", "bob", "left", "the", "team");

        Assert.Equal(0, disabled.ExitCode);
        var bye = await bob.ExpectAsync<Bye>();
        Assert.Equal(ErrorCodes.AccountDisabled, bye.Code);
        Assert.Contains("left the team", bye.Message);
        Assert.True(await bob.ClosedByHostAsync());
        await RefusedLoginAsync("bob", ErrorCodes.AccountDisabled);
        // A wrong password says nothing of the account's standing.
        await using (var guesser = await Host.ConnectAsync())
        {
            await guesser.HelloAsync();
            await guesser.ExpectErrorAsync(new Login("bob", "wrong-password"), ErrorCodes.BadCredentials);
        }

        Assert.Equal(0, Admin("enable", "bob").ExitCode);
        await using var back = await LogInAsync("bob");
    }

    [Fact]
    public async Task A_host_wide_ban_ends_the_sessions_refuses_logins_until_unbanned_and_unbanning_twice_is_refused()
    {
        await using var bob = await LogInAsync("bob");

        var banned = Admin("ban", "bob", "2h", "spamming", "everyone", "--json");

        Assert.Equal(0, banned.ExitCode);
        Assert.Equal("bob", JsonDocument.Parse(banned.Output).RootElement.GetProperty("user").GetString());
        Assert.Equal(ErrorCodes.Banned, (await bob.ExpectAsync<Bye>()).Code);
        Assert.Contains("spamming everyone", (await RefusedLoginAsync("bob", ErrorCodes.Banned)).Message);

        Assert.Equal(0, Admin("unban", "bob").ExitCode);
        await using var back = await LogInAsync("bob");
        var again = Admin("unban", "bob");
        Assert.Equal(AdminCommand.Refused, again.ExitCode);
        Assert.Contains("bob is not banned", again.Error);
    }

    [Fact]
    public async Task List_rooms_shows_owners_and_flags_and_delete_room_empties_the_room_of_the_running_host()
    {
        await using var alice = await LogInAsync("alice");
        await using var bob = await LogInAsync("bob");
        await alice.RequestAsync(new Join("dev"));
        await alice.RequestAsync(new SetMode("dev", Private: true));
        await alice.RequestAsync(new SetTopic("dev", "ship it"));
        await bob.RequestAsync(new Join("dev"));

        var rooms = JsonDocument.Parse(Admin("list-rooms", "--json").Output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("room").GetString()!);
        Assert.Equal(("alice", 2, true, "ship it"), (rooms["dev"].GetProperty("owner").GetString(), rooms["dev"].GetProperty("members").GetInt32(), rooms["dev"].GetProperty("private").GetBoolean(), rooms["dev"].GetProperty("topic").GetString()));
        Assert.Matches(@"(?m)^dev\s+2\s+alice\s+p\s+ship it$", Admin("list-rooms").Output);

        Assert.Equal(0, Admin("delete-room", "#dev").ExitCode);

        await bob.ExpectAsync<Left>(l => l is { Room: "dev", User: "bob" });
        await alice.ExpectAsync<Left>(l => l is { Room: "dev", User: "alice" });
        await bob.ExpectErrorAsync(new Say("dev", "anyone?"), ErrorCodes.NotInRoom);
        Assert.DoesNotContain("dev", Admin("list-rooms").Output);
        Assert.Equal(AdminCommand.NotFound, Admin("delete-room", "dev").ExitCode);
        Assert.Equal(AdminCommand.Refused, Admin("delete-room", "lobby").ExitCode);
    }

    [Theory]
    [InlineData(AdminCommand.NotFound, "no such user: nobody", "disable", "nobody")]
    [InlineData(AdminCommand.NotFound, "no such user: nobody", "grant-operator", "nobody")]
    [InlineData(AdminCommand.BadArguments, "ban needs one operand", "ban")]
    [InlineData(AdminCommand.BadArguments, "not a room name", "delete-room", "no spaces")]
    public void Bad_arguments_and_unknown_names_get_a_clear_error_and_their_exit_code(int exitCode, string message, params string[] args)
    {
        var outcome = Admin(args);

        Assert.Equal(exitCode, outcome.ExitCode);
        Assert.Contains(message, outcome.Error);
    }
}
