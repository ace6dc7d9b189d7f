using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>
/// A room (the lobby, #dev) or a direct conversation with one peer: its lines in the host's
/// order, how much of its history is loaded, what is unread and how far it was marked read.
/// </summary>
public sealed class Conversation
{
    // Each line sorts by the number the host gave it (seq in a room, id in a DM); lines the
    // client writes itself take the number of the newest line before them, so they stay put.
    private readonly List<(long Key, long? Id, ChatLine Line)> _entries = [];
    private readonly List<ChatLine> _lines = [];
    private readonly HashSet<long> _shownIds = [];
    private readonly List<(long Id, ChatLine Line)> _heldLive = [];

    // A page from the store has what was held back too; the bound only keeps a long read from growing without end.
    private const int MaxHeldBack = 1000;

    private Conversation(string? room, string? peer)
    {
        Room = room;
        Peer = peer;
        Title = room ?? peer!;
    }

    public static Conversation Lobby() => ForRoom(RoomNames.Lobby);

    public static Conversation ForRoom(string room) => new(room.ToLowerInvariant(), peer: null);

    public static Conversation Direct(string peerUser) => new(room: null, peerUser);

    /// <summary>The room's name for a room; null for a direct conversation.</summary>
    public string? Room { get; }

    /// <summary>The other side's username for a direct conversation; null for a room.</summary>
    public string? Peer { get; }

    public bool IsDirect => Peer is not null;

    public bool IsLobby => Room == RoomNames.Lobby;

    /// <summary>What the panels show: the room's name, or the peer's current nickname, kept fresh by the session.</summary>
    public string Title { get; internal set; }

    public IReadOnlyList<ChatLine> Lines => _lines;

    public int Unread { get; internal set; }

    /// <summary>The oldest number (seq or DM id) loaded, and the newest message's; null while nothing from the host is shown.</summary>
    public long? OldestId { get; private set; }

    public long? NewestId { get; private set; }

    /// <summary>The host said nothing older exists: the line at the top is the beginning.</summary>
    public bool HistoryComplete { get; private set; }

    /// <summary>A page was asked for at least once: a DM asks for one when it first comes on screen.</summary>
    internal bool HistoryAsked { get; set; }

    /// <summary>An older page was asked for and has not come yet.</summary>
    internal bool HistoryPending { get; set; }

    /// <summary>How far this client (or another terminal of the user) marked it read.</summary>
    internal long MarkedUpto { get; set; }

    /// <summary>When the last mark_read for this conversation went out (a Stopwatch timestamp).</summary>
    internal long MarkSentAt { get; set; }

    /// <summary>For a DM: the peer's away reason this conversation already shows; told once, not with every line sent.</summary>
    internal string? PeerAwayShown { get; set; }

    /// <summary>A mark_read is held back until the interval has passed, and will then be sent.</summary>
    internal bool MarkHeldBack { get; set; }

    /// <summary>
    /// False while it shows a stretch from the middle of history (a search hit in context): live
    /// lines are held back, not glued below an old page, until paging down reaches the newest line
    /// or the user goes back to the live end.
    /// </summary>
    public bool AtLiveEnd { get; private set; } = true;

    /// <summary>Messages that came live while the conversation showed the middle of history.</summary>
    public int HeldBack => _heldLive.Count(h => h.Line.Kind is LineKind.Message or LineKind.Action);

    /// <summary>The line a jump went to: highlighted, and the chat panel scrolls to it once.</summary>
    public long? HitId { get; private set; }

    /// <summary>The numbers of the last search's hits here, oldest first: !jump N and F3 go to them.</summary>
    public IReadOnlyList<long> SearchHits { get; internal set; } = [];

    /// <summary>The newest number (seq or DM id) of any line loaded, the room's presence lines too: where a page after it starts.</summary>
    internal long? NewestLoadedId { get; private set; }

    /// <summary>A page after the newest loaded line was asked for and has not come yet.</summary>
    internal bool NewerPending { get; set; }

    /// <summary>Set when a jump's page went in: the chat panel scrolls to the hit once and clears it.</summary>
    internal bool RevealHit { get; set; }

    /// <summary>Raised for each line added at the end, so the chat panel appends without re-reading everything.</summary>
    public event Action<Conversation, ChatLine>? LineAdded;

    /// <summary>Raised when lines went in above the end (a history page): the chat panel re-reads them.</summary>
    public event Action<Conversation>? LinesInserted;

    public bool Matches(string? room, string? peer) =>
        room is not null
            ? string.Equals(Room, room, StringComparison.OrdinalIgnoreCase)
            : peer is not null && string.Equals(Peer, peer, StringComparison.OrdinalIgnoreCase);

    internal void Add(ChatLine line) => Insert(NewestKey, id: null, line);

    /// <summary>
    /// Adds a live line the host numbered, in its place, unless that number is already shown; while
    /// the conversation shows the middle of history the line is held back instead (false).
    /// </summary>
    internal bool AddOnce(long id, ChatLine line)
    {
        if (AtLiveEnd)
            return AddFromPage(id, line);
        if (!_shownIds.Contains(id) && _heldLive.Count < MaxHeldBack && _heldLive.All(h => h.Id != id))
            _heldLive.Add((id, line));
        return false;
    }

    /// <summary>Adds a line of a history page in its place, unless that number is already shown.</summary>
    internal bool AddFromPage(long id, ChatLine line)
    {
        if (!_shownIds.Add(id))
            return false;
        if (id == HitId)
            line = line with { IsHit = true };
        NewestLoadedId = NewestLoadedId is { } loaded ? Math.Max(loaded, id) : id;
        OldestId = OldestId is { } oldest ? Math.Min(oldest, id) : id;
        // A room's join, leave and rename lines are never unread: read marks name messages.
        if (line.Kind != LineKind.Notice)
            NewestId = NewestId is { } newest ? Math.Max(newest, id) : id;
        Insert(id, id, line);
        return true;
    }

    internal bool HasShown(long id) => _shownIds.Contains(id);

    /// <summary>
    /// Empties the conversation for a page around <paramref name="hit"/> from the middle of
    /// history: live lines are held back from now until the live end is reached again.
    /// </summary>
    internal void ShowAround(long hit)
    {
        Clear();
        AtLiveEnd = false;
        HitId = hit;
        LinesInserted?.Invoke(this);
    }

    /// <summary>A page after the newest loaded line reached the newest line: what came live meanwhile goes in below it.</summary>
    internal void ReachedLiveEnd()
    {
        if (AtLiveEnd)
            return;
        AtLiveEnd = true;
        foreach (var (id, line) in _heldLive)
            AddFromPage(id, line);
        _heldLive.Clear();
    }

    /// <summary>Leaves the middle of history: empties the conversation so that its newest page is asked for again.</summary>
    internal void BackToLiveEnd()
    {
        var held = _heldLive.ToList();
        Clear();
        AtLiveEnd = true;
        HitId = null;
        foreach (var (id, line) in held)
            AddFromPage(id, line);
        LinesInserted?.Invoke(this);
    }

    /// <summary>Counts the times the conversation was emptied: a page asked for before that belongs to another stretch and is dropped.</summary>
    internal int Stretch { get; private set; }

    private void Clear()
    {
        Stretch++;
        _entries.Clear();
        _lines.Clear();
        _shownIds.Clear();
        _heldLive.Clear();
        OldestId = NewestId = NewestLoadedId = null;
        HistoryComplete = HistoryPending = NewerPending = HistoryAsked = false;
    }

    /// <summary>Nothing older exists: says so once, above everything.</summary>
    internal void MarkBeginning(DateTime now)
    {
        if (HistoryComplete)
            return;
        HistoryComplete = true;
        // Stamped as the oldest line, not now: it sits above everything, and times read in order.
        var oldest = _entries.FirstOrDefault(e => e.Id is not null).Line?.Time ?? now;
        Insert(long.MinValue, id: null, ChatLine.Notice(oldest, "beginning of conversation"));
    }

    /// <summary>Lines from someone other than <paramref name="me"/> numbered after <paramref name="upto"/>.</summary>
    internal int CountAfter(long upto, Person? me) =>
        _entries.Count(e => e.Id > upto && e.Line.User is { } user && (me is null || !me.Is(user)));

    // Host numbers start at 1, so lines written before any arrived sort above all history.
    private long NewestKey => _entries.Count == 0 ? 0 : Math.Max(0, _entries[^1].Key);

    // A line the host numbered that is older than a line this client wrote (the welcome, "lost
    // the connection") goes above it: a page that arrives after the welcome holds what was said
    // before it.
    private static bool WrittenHereAfter((long Key, long? Id, ChatLine Line) entry, long? id, ChatLine line) =>
        id is not null && entry.Id is null && entry.Key != long.MinValue && entry.Line.Time > line.Time;

    private void Insert(long key, long? id, ChatLine line)
    {
        var at = _entries.Count;
        while (at > 0 && (_entries[at - 1].Key > key || WrittenHereAfter(_entries[at - 1], id, line)))
            at--;
        _entries.Insert(at, (key, id, line));
        _lines.Insert(at, line);
        if (at == _entries.Count - 1)
            LineAdded?.Invoke(this, line);
        else
            LinesInserted?.Invoke(this);
    }
}
