using System.Text;

namespace Chat.Bench.Load;

/// <summary>
/// Our JSON-lines protocol: hello + login (or hello + resume, given resume tokens) in one write,
/// joined = our own "joined" event in the client's room. With several rooms (<see cref="LoadLayout"/>)
/// a join of the client's room follows the login in the same write (the host takes requests
/// sent during a login after it).
/// </summary>
internal sealed class ChatDialect(LoadLayout layout, UnspentResumeTokens? resumeTokens) : IDialect
{
    private const string Hello = "{\"type\":\"hello\",\"protocol\":1,\"client\":\"chat-bench\"}\n";
    private const int HandshakeId = 1;
    private const int JoinId = 2;

    private readonly byte[][] _sayPrefixes = Enumerable.Range(0, layout.Rooms)
        .Select(r => Encoding.UTF8.GetBytes($"{{\"type\":\"say\",\"room\":\"{layout.RoomName(r)}\",\"text\":\"")).ToArray();
    private readonly byte[][] _roomFields = Enumerable.Range(0, layout.Rooms)
        .Select(r => Encoding.UTF8.GetBytes($"\"room\":\"{layout.RoomName(r)}\"")).ToArray();

    public string Name => "chat";

    public LoginMethod Login => resumeTokens is null ? LoginMethod.Password : LoginMethod.ResumeToken;

    public int RecipientsPerMessage(int clients) => clients;

    public async Task PrepareAccountsAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        await ChatAccounts.RegisterAsync(options, log, cancellationToken);
        if (resumeTokens is not null)
            await ChatAccounts.LogInOnceAsync(options, resumeTokens, log, cancellationToken);
    }

    /// <summary>With resume tokens, a client without an unspent one falls back to the password rather than fail.</summary>
    public (byte[] Bytes, LoginMethod Login) Greeting(LoadClient client, string password)
    {
        var (greeting, login) = resumeTokens?.Take(client.Index) is { } token
            ? (Encoding.UTF8.GetBytes(Hello + $"{{\"type\":\"resume\",\"token\":\"{token}\",\"id\":{HandshakeId}}}\n"), LoginMethod.ResumeToken)
            : (HelloAndLogin(client.User, password), LoginMethod.Password);
        if (layout.Rooms == 1)
            return (greeting, login);
        var join = Encoding.UTF8.GetBytes($"{{\"type\":\"join\",\"room\":\"{layout.RoomName(layout.RoomOf(client.Index))}\",\"id\":{JoinId}}}\n");
        return ([.. greeting, .. join], login);
    }

    public static byte[] HelloAndLogin(string user, string password) => Encoding.UTF8.GetBytes(
        Hello + $"{{\"type\":\"login\",\"user\":\"{user}\",\"password\":\"{password}\",\"id\":{HandshakeId}}}\n");

    /// <summary>
    /// The resume token of a login's or resume's "ok", or null for any other line. A token is
    /// base64url, so it needs no unescaping; the host writes "type" first.
    /// </summary>
    public static string? ResumeTokenIn(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("{\"type\":\"ok\""u8))
            return null;
        var marker = "\"resume\":\""u8;
        var at = line.IndexOf(marker);
        if (at < 0)
            return null;
        var token = line[(at + marker.Length)..];
        var end = token.IndexOf((byte)'"');
        return end <= 0 ? null : Encoding.ASCII.GetString(token[..end]);
    }

    public HandshakeStep OnHandshakeLine(ReadOnlySpan<byte> line, LoadClient client)
    {
        // A host slowed by the machine's load may probe a client that has not joined yet.
        if (AnswerProbe(line, client))
            return HandshakeStep.Continue;
        if (line.IndexOf("\"type\":\"error\""u8) >= 0)
            return HandshakeStep.Failed;
        if (resumeTokens is not null && ResumeTokenIn(line) is { } freshToken)
        {
            resumeTokens.Keep(client.Index, freshToken);
            return HandshakeStep.Continue;
        }
        return line.IndexOf("\"type\":\"joined\""u8) >= 0 && line.IndexOf(Encoding.UTF8.GetBytes($"\"user\":\"{client.User}\"")) >= 0 &&
               (layout.Rooms == 1 || line.IndexOf(_roomFields[layout.RoomOf(client.Index)]) >= 0)
            ? HandshakeStep.Joined
            : HandshakeStep.Continue;
    }

    /// <summary>
    /// Receivers never send, so after a silence the host probes them with "ping" and closes a
    /// link that does not answer; like a real client, the bench answers.
    /// </summary>
    public void OnOtherLine(ReadOnlySpan<byte> line, LoadClient client) => AnswerProbe(line, client);

    private static bool AnswerProbe(ReadOnlySpan<byte> line, LoadClient client)
    {
        if (!line.StartsWith("{\"type\":\"ping\""u8))
            return false;
        client.Send("{\"type\":\"pong\"}\n"u8);
        return true;
    }

    /// <summary>
    /// The host writes "type" first, so a live message starts with it; a "history" page also
    /// holds message objects, but further in.
    /// </summary>
    public int FindBenchText(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("{\"type\":\"message\""u8))
            return -1;
        var marker = "\"text\":\"b:"u8;
        var at = line.IndexOf(marker);
        return at < 0 ? -1 : at + marker.Length;
    }

    public int FormatMessage(Span<byte> destination, int sender, long counter, long scheduledTicks) =>
        BenchText.WriteLine(destination, _sayPrefixes[layout.RoomOf(sender)], "\"}\n"u8, sender, counter, scheduledTicks);
}
