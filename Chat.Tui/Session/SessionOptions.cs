namespace Chat.Tui.Session;

/// <summary>How a session runs: where its state changes happen, how patiently it waits, how it retries.</summary>
public sealed record SessionOptions
{
    /// <summary>
    /// Runs a state change on the thread the views read from. The app passes its app.Invoke; the
    /// default runs the change at once, one at a time, which is what unit specs want.
    /// </summary>
    public Action<Action> Dispatch { get; init; } = Serially();

    public ReconnectPolicy Reconnect { get; init; } = ReconnectPolicy.Default;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>TLS to the host; null for plain TCP (the loopback default).</summary>
    public ClientTls? Tls { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How fast lines go to the host. Lines beyond it wait their turn rather than be refused
    /// (rate_limited) by the host's flood gate; time spent waiting is not counted against the
    /// request's timeout.
    /// </summary>
    public SendPace Pace { get; init; } = SendPace.Default;

    /// <summary>
    /// The least time between two mark_read requests for one conversation. Every mark is a store
    /// write on the host; in a busy room, one per line per reader would multiply its writes.
    /// </summary>
    public TimeSpan MarkReadInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the bell rings on DMs and mentions at start (the configuration file's "bell"); !bell changes it.</summary>
    public bool Bell { get; init; } = true;

    /// <summary>Local time for lines this client writes itself.</summary>
    public Func<DateTime> Now { get; init; } = () => DateTime.Now;

    private static Action<Action> Serially()
    {
        var gate = new Lock();
        return change =>
        {
            lock (gate)
                change();
        };
    }
}
