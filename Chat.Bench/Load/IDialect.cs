namespace Chat.Bench.Load;

/// <summary>What a handshake line meant for a connecting client.</summary>
internal enum HandshakeStep { Continue, Joined, Failed }

/// <summary>
/// The protocol-specific part of a load client: how to log in and join the room, how a bench
/// message is written, and where its text starts in a delivered line. Everything else (sockets,
/// schedule, measurement) is shared, so both servers meet the same load.
/// </summary>
internal interface IDialect
{
    string Name { get; }

    /// <summary>IRC does not echo a channel message to its sender; our host does.</summary>
    int RecipientsPerMessage(int clients);

    /// <summary>How this run's clients log in.</summary>
    LoginMethod Login { get; }

    /// <summary>Accounts the clients log in with (and their resume tokens), made before anything is measured.</summary>
    Task PrepareAccountsAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken);

    /// <summary>The bytes a client sends right after connecting, and how they log it in.</summary>
    (byte[] Bytes, LoginMethod Login) Greeting(LoadClient client, string password);

    /// <summary>Reacts to one line before the client has joined; may send the next request.</summary>
    HandshakeStep OnHandshakeLine(ReadOnlySpan<byte> line, LoadClient client);

    /// <summary>Answers a keep-alive probe in the line, if it is one.</summary>
    void OnOtherLine(ReadOnlySpan<byte> line, LoadClient client);

    /// <summary>
    /// Where a live bench message's "sender:counter:ticks" starts in a delivered line, or -1.
    /// Replayed history is not a delivery and is skipped.
    /// </summary>
    int FindBenchText(ReadOnlySpan<byte> line);

    /// <summary>Writes one bench message request into <paramref name="destination"/>; returns its length.</summary>
    int FormatMessage(Span<byte> destination, int sender, long counter, long scheduledTicks);
}
