using System.Text;
using Chat.Bench.Load;

namespace Chat.Specs.Bench;

/// <summary>
/// The bench's resume-token handshake without a host: a token is sent once, and the fresh one in
/// the resume's "ok" is what the client's next connection sends.
/// </summary>
public sealed class ChatDialectSpecs
{
    private const string Password = "benchpass1";
    private const int ClientIndex = 3;

    [Fact]
    public void Without_resume_tokens_a_client_logs_in_with_its_password()
    {
        var dialect = new ChatDialect(new LoadOptions().Layout, resumeTokens: null);
        using var client = ClientOf(dialect);

        var (greeting, login) = dialect.Greeting(client, Password);

        Assert.Equal(LoginMethod.Password, login);
        Assert.Contains("{\"type\":\"login\",\"user\":\"b0003\",\"password\":\"benchpass1\",\"id\":1}", Encoding.UTF8.GetString(greeting));
    }

    [Fact]
    public void A_client_resumes_with_its_token_and_spends_it()
    {
        var dialect = DialectKeeping("first-token");
        using var client = ClientOf(dialect);

        var (greeting, login) = dialect.Greeting(client, Password);
        var (again, againLogin) = dialect.Greeting(client, Password);

        Assert.Equal(LoginMethod.ResumeToken, login);
        var text = Encoding.UTF8.GetString(greeting);
        Assert.StartsWith("{\"type\":\"hello\"", text);
        Assert.Contains("{\"type\":\"resume\",\"token\":\"first-token\",\"id\":1}", text);
        Assert.DoesNotContain("password", text);
        Assert.Equal(LoginMethod.Password, againLogin);
        Assert.Contains("\"type\":\"login\"", Encoding.UTF8.GetString(again));
    }

    [Fact]
    public void The_fresh_token_of_the_resumes_ok_is_the_one_the_next_connection_sends()
    {
        var dialect = DialectKeeping("first-token");
        using var client = ClientOf(dialect);
        dialect.Greeting(client, Password);

        var step = dialect.OnHandshakeLine("{\"type\":\"ok\",\"user\":\"b0003\",\"nick\":\"b0003\",\"resume\":\"fresh-token\",\"re\":1}"u8, client);
        var (greeting, login) = dialect.Greeting(client, Password);

        Assert.Equal(HandshakeStep.Continue, step);
        Assert.Equal(LoginMethod.ResumeToken, login);
        Assert.Contains("\"token\":\"fresh-token\"", Encoding.UTF8.GetString(greeting));
    }

    [Fact]
    public void Only_an_ok_carries_a_resume_token()
    {
        Assert.Equal("abc_-1", ChatDialect.ResumeTokenIn("{\"type\":\"ok\",\"user\":\"u\",\"resume\":\"abc_-1\",\"re\":1}"u8));
        Assert.Null(ChatDialect.ResumeTokenIn("{\"type\":\"ok\",\"room\":\"lobby\",\"re\":2}"u8));
        Assert.Null(ChatDialect.ResumeTokenIn("{\"type\":\"message\",\"room\":\"lobby\",\"text\":\"\\\"resume\\\":\\\"x\\\"\"}"u8));
    }

    [Fact]
    public void With_several_rooms_a_client_joins_its_room_after_the_login_and_has_joined_only_when_that_room_says_so()
    {
        var dialect = new ChatDialect(new LoadOptions { Rooms = 2 }.Layout, resumeTokens: null);
        using var client = ClientOf(dialect);

        var greeting = Encoding.UTF8.GetString(dialect.Greeting(client, Password).Bytes);
        var inLobby = dialect.OnHandshakeLine("{\"type\":\"joined\",\"room\":\"lobby\",\"user\":\"b0003\",\"nick\":\"b0003\"}"u8, client);
        var inItsRoom = dialect.OnHandshakeLine("{\"type\":\"joined\",\"room\":\"bench-2\",\"user\":\"b0003\",\"nick\":\"b0003\"}"u8, client);

        Assert.EndsWith("\"id\":1}\n{\"type\":\"join\",\"room\":\"bench-2\",\"id\":2}\n", greeting);
        Assert.Equal((HandshakeStep.Continue, HandshakeStep.Joined), (inLobby, inItsRoom));
    }

    [Fact]
    public void A_senders_message_goes_to_the_senders_room()
    {
        var dialect = new ChatDialect(new LoadOptions { Rooms = 4 }.Layout, resumeTokens: null);
        var buffer = new byte[256];

        var length = dialect.FormatMessage(buffer, sender: 6, counter: 1, scheduledTicks: 2);

        Assert.StartsWith("{\"type\":\"say\",\"room\":\"bench-3\",\"text\":\"b:6:1:2", Encoding.UTF8.GetString(buffer, 0, length));
    }

    private static ChatDialect DialectKeeping(string token)
    {
        var tokens = new UnspentResumeTokens(clients: ClientIndex + 1);
        tokens.Keep(ClientIndex, token);
        return new ChatDialect(new LoadOptions().Layout, tokens);
    }

    private static LoadClient ClientOf(ChatDialect dialect) => new(ClientIndex, "b0003", dialect, new DeliveryTracker(), senders: 0);
}
