namespace Chat.Tui.Session;

/// <summary>
/// What the views show, in one place: me, who is online, the conversations, the bell. The parts
/// of the view-model change it and say so through <see cref="RaiseChanged"/>.
/// </summary>
public sealed class ChatState
{
    private readonly Func<DateTime> _now;

    /// <param name="now">Local time for lines this client writes itself.</param>
    public ChatState(Func<DateTime> now)
    {
        _now = now;
        Conversations = new ConversationList(People);
    }

    /// <summary>Status, me, people, the conversation list, the current one or an unread count changed.</summary>
    public event Action? Changed;

    /// <summary>A DM or a mention of me arrived and the bell is on.</summary>
    public event Action? BellRequested;

    /// <summary>Whose room lines and DMs this client hides: the list the host keeps for me (sent at login and on each change).</summary>
    public HashSet<string> Ignored { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Who is online: the lobby, which everyone is in.</summary>
    public PeopleList People { get; } = new();

    /// <summary>The members of the other rooms, by room, once the host has listed them.</summary>
    public Dictionary<string, PeopleList> RoomMembers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The last rename applied per user: the host announces a rename once per room shared with them.</summary>
    private readonly Dictionary<string, (string Old, string Nick)> _lastRename = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The people of a room: the lobby's are everyone online; another room's once listed, else null.</summary>
    public PeopleList? MembersOf(string room) =>
        room == Chat.Protocol.RoomNames.Lobby ? People : RoomMembers.GetValueOrDefault(room);

    /// <summary>Who the panel shows for the conversation on screen: its room's members, or for a DM the other person (marked offline when not online).</summary>
    public IReadOnlyList<Person> PeopleOf(Conversation conversation)
    {
        if (conversation.Room is { } room)
            return MembersOf(room)?.All ?? [];
        var peer = People.All.FirstOrDefault(p => p.Is(conversation.Peer!));
        // Roles are a room's: the lobby's (a host operator's @) would mislead in a conversation of two.
        return [peer is not null ? peer with { Role = null } : new Person(conversation.Peer!, conversation.Title) { Offline = true }];
    }

    /// <summary>True the first time a rename is announced; false for its repeats from other shared rooms.</summary>
    public bool IsNewRename(string user, string old, string nick)
    {
        if (_lastRename.TryGetValue(user, out var last) && last == (old, nick))
            return false;
        _lastRename[user] = (old, nick);
        return true;
    }

    public ConversationList Conversations { get; }

    public Person? Me { get; set; }

    public bool BellEnabled { get; set; } = true;

    /// <summary>The longest message text the host takes (its welcome says); null when unknown.</summary>
    public int? MaxTextChars { get; set; }
    public int? MaxLineBytes { get; set; }

    /// <summary>The username whose DM came last; !reply answers it.</summary>
    public string? LastDirectFrom { get; set; }

    public Conversation Current => Conversations.Current;

    public DateTime Now() => _now();

    public bool IsMe(string user) => Me is { } me && me.Is(user);

    /// <summary>A line from this client to its user (a hint, an answer, an error).</summary>
    public void AddLocal(Conversation conversation, string text) => conversation.Add(ChatLine.Local(_now(), text));

    public void RaiseChanged() => Changed?.Invoke();

    public void Ring()
    {
        if (BellEnabled)
            BellRequested?.Invoke();
    }

    /// <summary>Someone's nickname changed: the people list, me, and the title of our DM follow.</summary>
    public void Rename(string user, string nick)
    {
        People.Rename(user, nick);
        foreach (var members in RoomMembers.Values)
            members.Rename(user, nick);
        if (IsMe(user))
            Me = Me! with { Nick = nick };
        Conversations.Retitle(user, nick);
    }

    /// <summary>Someone's away reason (null: back); false when nothing changed.</summary>
    public bool SetAway(string user, string? away)
    {
        foreach (var members in RoomMembers.Values)
            members.SetAway(user, away);
        if (!People.SetAway(user, away))
            return false;
        if (IsMe(user))
            Me = Me! with { Away = away };
        RaiseChanged();
        return true;
    }

    /// <summary>The host's list of who is online replaces ours; DM titles take their nicknames.</summary>
    public void ReplacePeople(IEnumerable<Person> people)
    {
        People.Replace(people);
        foreach (var person in People.All)
            Conversations.Retitle(person.User, person.Nick);
    }
}
