using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>
/// The conversations in the order the direct panel lists them (the lobby, other rooms in the
/// order joined, then DMs in the order they began) and the one on screen.
/// </summary>
public sealed class ConversationList
{
    private readonly List<Conversation> _conversations = [];
    private readonly PeopleList _people;

    public ConversationList(PeopleList people)
    {
        _people = people;
        Current = Add(Conversation.Lobby());
    }

    /// <summary>A line was added at the end of a conversation (not necessarily the current one).</summary>
    public event Action<Conversation, ChatLine>? LineAdded;

    /// <summary>Lines went into a conversation above its end (a history page).</summary>
    public event Action<Conversation>? LinesInserted;

    public IReadOnlyList<Conversation> All => _conversations;

    public Conversation Lobby => _conversations[0];

    public Conversation Current { get; set; }

    public IEnumerable<string> Peers => _conversations.Where(c => c.Peer is not null).Select(c => c.Peer!);

    public IEnumerable<string> Rooms => _conversations.Where(c => c.Room is not null).Select(c => c.Room!);

    public bool Contains(Conversation conversation) => _conversations.Contains(conversation);

    /// <summary>The conversation <paramref name="step"/> places away from the current one, wrapping around.</summary>
    public Conversation Neighbour(int step)
    {
        var count = _conversations.Count;
        return _conversations[((_conversations.IndexOf(Current) + step) % count + count) % count];
    }

    /// <summary>The conversation at that place in the list (1 is the lobby); null past the end.</summary>
    public Conversation? AtNumber(int number) =>
        number >= 1 && number <= _conversations.Count ? _conversations[number - 1] : null;

    public Conversation DirectWith(string peerUser)
    {
        if (DirectWithOrNull(peerUser) is { } existing)
            return existing;
        var conversation = Add(Conversation.Direct(peerUser));
        conversation.Title = _people.NickOf(peerUser) ?? peerUser;
        return conversation;
    }

    public Conversation? DirectWithOrNull(string user) => _conversations.FirstOrDefault(c => c.Matches(null, user));

    public Conversation? RoomOrNull(string room) => _conversations.FirstOrDefault(c => c.Matches(room, null));

    public Conversation RoomNamed(string room) => RoomOrNull(room) ?? Add(Conversation.ForRoom(room));

    /// <summary>The conversation a frame with "room" or "with" is about, opened if new; null when it names neither.</summary>
    public Conversation? For(string? room, string? with) =>
        room is not null ? RoomNamed(room) : with is not null ? DirectWith(with) : null;

    /// <summary>The open conversation a frame with "room" or "with" is about; null when none is open.</summary>
    public Conversation? OpenFor(string? room, string? with) =>
        room is not null ? RoomOrNull(room) : with is not null ? DirectWithOrNull(with) : null;

    /// <summary>Someone's nickname changed: their DM's title follows.</summary>
    public void Retitle(string user, string nick)
    {
        if (DirectWithOrNull(user) is { } direct)
            direct.Title = nick;
    }

    /// <summary>Closes a conversation; the lobby goes on screen first if it was, so nothing ever shows a conversation that is gone.</summary>
    public void Remove(Conversation conversation, Conversation? showInstead = null)
    {
        if (Current == conversation)
            Current = showInstead is not null && _conversations.Contains(showInstead) && showInstead != conversation ? showInstead : Lobby;
        _conversations.Remove(conversation);
    }

    /// <summary>Rooms go after the last room and DMs at the end, so Alt+number keeps rooms first.</summary>
    private Conversation Add(Conversation conversation)
    {
        conversation.LineAdded += (c, line) => LineAdded?.Invoke(c, line);
        conversation.LinesInserted += c => LinesInserted?.Invoke(c);
        if (conversation.IsDirect)
            _conversations.Add(conversation);
        else
            _conversations.Insert(_conversations.FindLastIndex(c => !c.IsDirect) + 1, conversation);
        return conversation;
    }
}
