namespace Chat.Tui.Session;

/// <summary>The lobby or a direct conversation with one peer, with what was said and what is unread.</summary>
public sealed class Conversation
{
    private readonly List<ChatLine> _lines = [];
    // The host sends a message both as the reply to our request and as an event; whichever comes first is shown.
    private readonly HashSet<long> _shownIds = [];

    private Conversation(string? peer) => Peer = peer;

    public static Conversation Lobby() => new(peer: null);

    public static Conversation Direct(string peerUser) => new(peerUser);

    /// <summary>The other side's username for a direct conversation; null for the lobby.</summary>
    public string? Peer { get; }

    public bool IsDirect => Peer is not null;

    /// <summary>What the panels show: the peer's current nickname, kept fresh by the session.</summary>
    public string Title { get; internal set; } = Chat.Actors.Protocol.RoomNames.Lobby;

    public IReadOnlyList<ChatLine> Lines => _lines;

    public int Unread { get; internal set; }

    /// <summary>Raised for each line added, so the chat panel appends without re-reading everything.</summary>
    public event Action<Conversation, ChatLine>? LineAdded;

    internal void Add(ChatLine line)
    {
        _lines.Add(line);
        LineAdded?.Invoke(this, line);
    }

    /// <summary>Adds a line the host numbered, unless that number is already shown.</summary>
    internal bool AddOnce(long id, ChatLine line)
    {
        if (!_shownIds.Add(id))
            return false;
        Add(line);
        return true;
    }

    internal bool HasShown(long id) => _shownIds.Contains(id);
}
