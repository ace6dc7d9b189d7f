using System.Text.Json;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.Hosting;

/// <summary>
/// The host as a process with --log-format json, as journald would read it: every line it prints
/// is one JSON object, and a whole session (register, log in, talk, DM, resume, log out, SIGTERM)
/// leaves no password, resume token or message text in them.
/// </summary>
public sealed class JsonLogsEndToEndSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Every_line_is_a_json_object_and_no_secret_or_message_text_is_in_any()
    {
        var config = Path.Combine(_dir.Path, "specs.conf");
        // The shipped log levels. (At akka.loglevel = DEBUG, Akka's own stdout logger prints a few
        // text lines while the actor system stops, after the JSON logger is detached.)
        File.WriteAllText(config, TestHost.FastHashing + "\n" + TestHost.ScriptedClientAllowance + "\n");
        string[] secrets = ["Sw0rdfish-alice", "Sw0rdfish-bob", "wrong-Sw0rdfish", "the-room-line-7f3a", "the-direct-line-9c1e"];
        var tokens = new List<string>();

        await using (var host = await HostProcess.StartAsync(Path.Combine(_dir.Path, "data"), config, "--log-format", "json"))
        {
            await using var anonymous = await host.ConnectAsync();
            await anonymous.HelloAsync();
            Assert.IsType<Ok>(await anonymous.RequestAsync(new Register("alice", secrets[0])));
            Assert.IsType<Ok>(await anonymous.RequestAsync(new Register("bob", secrets[1])));
            await anonymous.ExpectErrorAsync(new Login("alice", secrets[2]), ErrorCodes.BadCredentials);
            var (alice, token) = await LoggedInAsync(host, "alice", secrets[0]);
            await using var aliceClient = alice;
            tokens.Add(token);
            var (bob, _) = await LoggedInAsync(host, "bob", secrets[1]);
            await using var bobClient = bob;
            Assert.IsType<Ok>(await alice.RequestAsync(new Say("lobby", secrets[3])));
            Assert.IsType<Ok>(await alice.RequestAsync(new SendDirect("bob", secrets[4])));
            await using (var again = await host.ConnectAsync())
            {
                await again.HelloAsync();
                tokens.Add(Assert.IsType<Ok>(await again.RequestAsync(new Resume(tokens[0]))).Resume!);
                Assert.IsType<Ok>(await again.RequestAsync(new Logout()));
            }
            Assert.Equal(0, await host.TerminateAsync(TimeSpan.FromSeconds(30)));

            var lines = host.OutputLines;
            Assert.NotEmpty(lines);
            foreach (var line in lines)
            {
                using var json = ParseOrFail(line);
                Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
                foreach (var secret in secrets.Concat(tokens))
                    Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
            }
        }
    }

    private static JsonDocument ParseOrFail(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            Assert.Fail($"not a JSON line ({e.Message}): {line}");
            throw;
        }
    }

    private static async Task<(RawClient Client, string Token)> LoggedInAsync(HostProcess host, string user, string password)
    {
        var client = await host.ConnectAsync();
        await client.HelloAsync();
        var ok = Assert.IsType<Ok>(await client.RequestAsync(new Login(user, password)));
        return (client, ok.Resume!);
    }
}
