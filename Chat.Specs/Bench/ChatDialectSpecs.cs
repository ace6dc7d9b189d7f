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
        var dialect = new ChatDialect("lobby", resumeTokens: null);
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

    private static ChatDialect DialectKeeping(string token)
    {
        var tokens = new UnspentResumeTokens(clients: ClientIndex + 1);
        tokens.Keep(ClientIndex, token);
        return new ChatDialect("lobby", tokens);
    }

    private static LoadClient ClientOf(ChatDialect dialect) => new(ClientIndex, "b0003", dialect, new DeliveryTracker(), senders: 0);
}
