namespace Chat.Bench.Load;

/// <summary>
/// Each client's resume token that has not been sent yet. A token works once: a client takes it
/// when it sends it, and keeps the fresh one from the resume's "ok", so a client that connects
/// again in the same run (a rate search reconnects after a server cut clients off) still has one.
/// </summary>
internal sealed class UnspentResumeTokens(int clients)
{
    private readonly string?[] _byClient = new string?[clients];

    /// <summary>The client's token, which is spent from now on whatever the answer; null if it has none.</summary>
    public string? Take(int client) => Interlocked.Exchange(ref _byClient[client], null);

    public void Keep(int client, string token) => Volatile.Write(ref _byClient[client], token);
}
