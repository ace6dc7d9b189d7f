using System.Text;

namespace Chat.Bench.Load;

/// <summary>Our JSON-lines protocol: hello + login in one write, joined = our own "joined" event in the lobby.</summary>
internal sealed class ChatDialect(string room) : IDialect
{
    private readonly byte[] _sayPrefix = Encoding.UTF8.GetBytes($"{{\"type\":\"say\",\"room\":\"{room}\",\"text\":\"");

    public string Name => "chat";

    public int RecipientsPerMessage(int clients) => clients;

    public Task PrepareAccountsAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken) =>
        ChatAccounts.RegisterAsync(options, log, cancellationToken);

    public byte[] Greeting(string user, string password) => Encoding.UTF8.GetBytes(
        "{\"type\":\"hello\",\"protocol\":1,\"client\":\"chat-bench\"}\n" +
        $"{{\"type\":\"login\",\"user\":\"{user}\",\"password\":\"{password}\",\"id\":1}}\n");

    public HandshakeStep OnHandshakeLine(ReadOnlySpan<byte> line, LoadClient client)
    {
        if (line.IndexOf("\"type\":\"error\""u8) >= 0)
            return HandshakeStep.Failed;
        return line.IndexOf("\"type\":\"joined\""u8) >= 0 && line.IndexOf(Encoding.UTF8.GetBytes($"\"user\":\"{client.User}\"")) >= 0
            ? HandshakeStep.Joined
            : HandshakeStep.Continue;
    }

    public void OnOtherLine(ReadOnlySpan<byte> line, LoadClient client)
    {
        // Our host sends no keep-alive probes.
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
        BenchText.WriteLine(destination, _sayPrefix, "\"}\n"u8, sender, counter, scheduledTicks);
}
