using System.Net.Sockets;
using System.Text;

namespace Chat.Bench.Load;

/// <summary>
/// Registers the bench accounts through the protocol before anything is measured, and for resume
/// runs logs each in once for its resume token. A name that is taken is fine: a data directory
/// reused across runs already has the accounts. Both go to the first server: the nodes of a
/// cluster share one store, and a resume token taken there resumes on any node.
/// </summary>
internal static class ChatAccounts
{
    private const int Connections = 4;
    private const int InFlightPerConnection = 64;
    /// <summary>
    /// A connection logs in only once, so each login costs a connection's round trips; a few in
    /// parallel hide them; more would only queue at the host (compare.sh gives it one core).
    /// </summary>
    private const int ParallelLogins = 8;

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
        await tcp.ConnectAsync(options.Layout.Servers[0], cancellationToken);
        var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await WriteAsync(stream, "{\"type\":\"hello\",\"protocol\":1}\n", cancellationToken);
        await ExpectAsync(reader, stream, "\"welcome\"", cancellationToken);

        for (var from = 0; from < indexes.Count; from += InFlightPerConnection)
        {
            var batch = indexes.Skip(from).Take(InFlightPerConnection).ToList();
            var requests = new StringBuilder();
            foreach (var i in batch)
                requests.Append($"{{\"type\":\"register\",\"user\":\"{options.UserName(i)}\",\"password\":\"{options.Password}\",\"id\":{i}}}\n");
            await WriteAsync(stream, requests.ToString(), cancellationToken);
            for (var answered = 0; answered < batch.Count;)
            {
                var line = await NextLineAsync(reader, stream, cancellationToken) ?? throw new IOException("the host closed the connection while registering");
                if (!line.Contains("\"re\":", StringComparison.Ordinal))
                    continue;
                if (line.Contains("\"type\":\"error\"", StringComparison.Ordinal) && !line.Contains("name_taken", StringComparison.Ordinal))
                    throw new IOException($"registration refused: {line}");
                answered++;
            }
        }
    }

    /// <summary>
    /// Logs every account in once with its password, one connection each, and keeps the token the
    /// "ok" returns. Closing the connection afterwards leaves the token valid (only logout revokes).
    /// </summary>
    public static async Task LogInOnceAsync(LoadOptions options, UnspentResumeTokens tokens, TextWriter log, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Clients),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelLogins, CancellationToken = cancellationToken },
            async (i, token) => tokens.Keep(i, await LogInForTokenAsync(options, options.UserName(i), token)));
        log.WriteLine($"logged {options.Clients} accounts in once for their resume tokens in {(DateTime.UtcNow - started).TotalSeconds:F1} s (not measured)");
    }

    private static async Task<string> LogInForTokenAsync(LoadOptions options, string user, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(options.Layout.Servers[0], cancellationToken);
        // No TIME_WAIT left behind: the measured run that follows needs as many ports again.
        tcp.Client.LingerState = new LingerOption(true, 0);
        var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await stream.WriteAsync(ChatDialect.HelloAndLogin(user, options.Password), cancellationToken);
        await ExpectAsync(reader, stream, "\"welcome\"", cancellationToken);
        var reply = await NextLineAsync(reader, stream, cancellationToken) ?? throw new IOException($"the host closed the connection while {user} logged in");
        return ChatDialect.ResumeTokenIn(Encoding.UTF8.GetBytes(reply)) ?? throw new IOException($"login of {user} gave no resume token: {reply}");
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).AsTask();

    /// <summary>
    /// The next line that is not the host's idle probe; a probe is answered, as a client must. A
    /// host slowed by the machine's load may probe before it has even said welcome.
    /// </summary>
    private static async Task<string?> NextLineAsync(StreamReader reader, NetworkStream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null || !line.StartsWith("{\"type\":\"ping\"", StringComparison.Ordinal))
                return line;
            await WriteAsync(stream, "{\"type\":\"pong\"}\n", cancellationToken);
        }
    }

    private static async Task ExpectAsync(StreamReader reader, NetworkStream stream, string marker, CancellationToken cancellationToken)
    {
        var line = await NextLineAsync(reader, stream, cancellationToken);
        if (line is null || !line.Contains(marker, StringComparison.Ordinal))
            throw new IOException($"expected {marker}, got: {line}");
    }
}
