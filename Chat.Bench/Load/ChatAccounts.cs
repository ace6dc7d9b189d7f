using System.Net.Sockets;
using System.Text;

namespace Chat.Bench.Load;

/// <summary>
/// Registers the bench accounts through the protocol before anything is measured. A name that
/// is taken is fine: a data directory reused across runs already has the accounts.
/// </summary>
internal static class ChatAccounts
{
    private const int Connections = 4;
    private const int InFlightPerConnection = 64;

    public static async Task RegisterAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(c =>
            RegisterShareAsync(options, Enumerable.Range(0, options.Clients).Where(i => i % Connections == c).ToList(), cancellationToken)));
        log.WriteLine($"registered {options.Clients} accounts in {(DateTime.UtcNow - started).TotalSeconds:F1} s (not measured)");
    }

    private static async Task RegisterShareAsync(LoadOptions options, List<int> indexes, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(options.Host, options.Port, cancellationToken);
        var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await WriteAsync(stream, "{\"type\":\"hello\",\"protocol\":1}\n", cancellationToken);
        await ExpectAsync(reader, "\"welcome\"", cancellationToken);

        for (var from = 0; from < indexes.Count; from += InFlightPerConnection)
        {
            var batch = indexes.Skip(from).Take(InFlightPerConnection).ToList();
            var requests = new StringBuilder();
            foreach (var i in batch)
                requests.Append($"{{\"type\":\"register\",\"user\":\"{options.UserName(i)}\",\"password\":\"{options.Password}\",\"id\":{i}}}\n");
            await WriteAsync(stream, requests.ToString(), cancellationToken);
            for (var answered = 0; answered < batch.Count;)
            {
                var line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("the host closed the connection while registering");
                if (!line.Contains("\"re\":", StringComparison.Ordinal))
                    continue;
                if (line.Contains("\"type\":\"error\"", StringComparison.Ordinal) && !line.Contains("name_taken", StringComparison.Ordinal))
                    throw new IOException($"registration refused: {line}");
                answered++;
            }
        }
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).AsTask();

    private static async Task ExpectAsync(StreamReader reader, string marker, CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken);
        if (line is null || !line.Contains(marker, StringComparison.Ordinal))
            throw new IOException($"expected {marker}, got: {line}");
    }
}
