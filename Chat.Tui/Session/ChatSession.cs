using Chat.Protocol;
using Chat.Tui.Commands;

namespace Chat.Tui.Session;

/// <summary>
/// The client's view-model: everything the screens show (connection status, me, who is online,
/// conversations with their lines and unread counts) and everything the user can ask for. It
/// owns the link to the host and reconnects by itself. No Terminal.Gui types: views subscribe to
/// <see cref="Changed"/> and <see cref="LineAdded"/> and render.
/// State changes only happen inside <see cref="SessionOptions.Dispatch"/>, so views read it from
/// one thread.
/// </summary>
public sealed partial class ChatSession : IAsyncDisposable
{
    private readonly SessionOptions _options;
    private readonly List<Conversation> _conversations = [];
    private readonly List<Person> _people = [];

    public ChatSession(ServerAddress server, SessionOptions? options = null)
    {
        Server = server;
        _options = options ?? new SessionOptions();
        _allowance = new SendAllowance(_options.Pace);
        Current = AddConversation(Conversation.Lobby());
    }

    /// <summary>Status, me, people, the conversation list, the current one or an unread count changed.</summary>
    public event Action? Changed;

    /// <summary>A line was added to a conversation (not necessarily the current one).</summary>
    public event Action<Conversation, ChatLine>? LineAdded;

    /// <summary>Lines went into a conversation above its end (a history page): views re-read it.</summary>
    public event Action<Conversation>? LinesInserted;

    /// <summary>A DM or a mention of me arrived and the bell is on.</summary>
    public event Action? BellRequested;

    /// <summary>The user asked to leave (!quit): the app closes its window.</summary>
    public event Action? QuitRequested;

    /// <summary>The host to talk to; the welcome form may change it before logging in.</summary>
    public ServerAddress Server { get; set; }

    public ConnectionStatus Status { get; private set; }

    /// <summary>While reconnecting: which attempt is next and how long it waits first.</summary>
    public int ReconnectAttempt { get; private set; }

    public TimeSpan ReconnectDelay { get; private set; }

    /// <summary>Why the last log-in or registration failed, in plain words; null when it did not.</summary>
    public string? LoginError { get; private set; }

    public Person? Me { get; private set; }

    public bool IsLoggedIn => Me is not null;

    /// <summary>Who is in the lobby, by nickname.</summary>
    public IReadOnlyList<Person> People => _people;

    /// <summary>The rooms first (the lobby, then others in the order joined), then direct conversations in the order they began.</summary>
    public IReadOnlyList<Conversation> Conversations => _conversations;

    public Conversation Lobby => _conversations[0];

    public Conversation Current { get; private set; }

    public bool BellEnabled { get; private set; } = true;

    public InputHistory History { get; } = new();

    public TabCompleter Completer { get; } = new();

    /// <summary>Names Tab completes: everyone's username and nickname, and the peers of open conversations.</summary>
    public IEnumerable<string> CompletionNames =>
        _people.SelectMany(p => new[] { p.User, p.Nick })
            .Concat(_conversations.Where(c => c.Peer is not null).Select(c => c.Peer!));

    /// <summary>
    /// What Tab offers for the word being typed in <paramref name="input"/>: room names after
    /// !join/!leave, usernames after !whois and !X, names of every kind otherwise.
    /// </summary>
    public IEnumerable<string> CompletionNamesFor(string input)
    {
        var trimmed = input.TrimStart();
        var space = trimmed.IndexOf(' ');
        var command = space > 1 && CommandTable.Prefixes.Contains(trimmed[0]) ? trimmed[1..space] : null;
        if (command is not null && CommandTable.TakesRoom(command))
            return KnownRooms.SelectMany(room => new[] { room, "#" + room });
        if (command is not null && CommandTable.TakesUser(command) && trimmed.IndexOf(' ', space + 1) < 0)
            return _people.Select(p => p.User).Concat(_conversations.Where(c => c.Peer is not null).Select(c => c.Peer!));
        return CompletionNames;
    }

    public void Select(Conversation conversation)
    {
        if (!_conversations.Contains(conversation))
            return;
        var changed = Current != conversation || conversation.Unread != 0;
        Current = conversation;
        MarkViewed(conversation);
        if (conversation.IsDirect && conversation.NewestId is null)
            LoadOlder(conversation);
        if (changed)
            RaiseChanged();
    }

    /// <summary>Ctrl+N / Ctrl+P: the next or previous conversation, wrapping around.</summary>
    public void SelectNext(int step)
    {
        var index = _conversations.IndexOf(Current);
        var count = _conversations.Count;
        Select(_conversations[((index + step) % count + count) % count]);
    }

    /// <summary>Alt+1..9: the conversation at that place in the list (1 is the lobby).</summary>
    public void SelectNumber(int number)
    {
        if (number >= 1 && number <= _conversations.Count)
            Select(_conversations[number - 1]);
    }

    /// <summary>
    /// Runs what the user typed. Returns true when the input bar may be cleared; false keeps the
    /// text there (a usage hint, or refused while disconnected) so nothing typed is lost.
    /// </summary>
    public bool Submit(string input)
    {
        var parsed = InputParser.Parse(input);
        if (parsed.IsEmpty)
            return true;
        if (parsed.Hint is { } hint)
        {
            AddLocal(Current, hint);
            return false;
        }

        var command = parsed.Command!;
        if (NeedsHost(command) && Status != ConnectionStatus.Connected)
        {
            AddLocal(Current, Status == ConnectionStatus.Reconnecting
                ? "Not sent: the host is unreachable and the client is reconnecting. Your text stays in the input bar; press Enter again once connected."
                : "Not sent: not connected to the host. Your text stays in the input bar.");
            return false;
        }

        if (command is ReplyCommand && _lastDirectFrom is null)
        {
            AddLocal(Current, "Nobody has sent you a DM yet; !X username message starts one.");
            return false;
        }
        if (command is LeaveCommand leave && (leave.Room ?? Current.Room) is var room && room is null or RoomNames.Lobby)
        {
            AddLocal(Current, room is null
                ? "This is a direct conversation, not a room; !leave #room names the room to leave."
                : "Everyone stays in the lobby; !leave #room leaves another room.");
            return false;
        }

        History.Add(input.Trim());
        Run(command);
        return true;
    }

    private static bool NeedsHost(InputCommand command) =>
        command is not (HelpCommand or BellCommand or QuitCommand);

    private void Run(InputCommand command)
    {
        switch (command)
        {
            case SendText say:
                SendToCurrent(say.Text);
                break;
            case ActionCommand action:
                SendToCurrent(ChatLine.ActionPrefix + action.Action);
                break;
            case SendDirectCommand dm:
                SendDirect(dm.To, dm.Text);
                break;
            case ReplyCommand reply:
                SendDirect(_lastDirectFrom!, reply.Text);
                break;
            case JoinCommand join:
                JoinRoom(join.Room);
                break;
            case LeaveCommand leave:
                LeaveRoom(leave.Room ?? Current.Room!);
                break;
            case RoomsCommand:
                ListRooms();
                break;
            case AwayCommand away:
                GoAway(away.Reason);
                break;
            case BackCommand:
                ComeBack();
                break;
            case WhoisCommand whois:
                AskWhois(whois.User);
                break;
            case ChangeNickCommand nick:
                ChangeNick(nick.Nick);
                break;
            case WhoCommand:
                AskWho();
                break;
            case HelpCommand:
                foreach (var line in HelpText.Lines)
                    AddLocal(Current, line);
                break;
            case BellCommand bell:
                BellEnabled = bell.On ?? !BellEnabled;
                AddLocal(Current, BellEnabled ? "Bell on: DMs and mentions ring the terminal bell." : "Bell off.");
                RaiseChanged();
                break;
            case QuitCommand:
                QuitRequested?.Invoke();
                break;
        }
    }

    /// <summary>Rooms go after the last room and DMs at the end, so Alt+number keeps rooms first.</summary>
    private Conversation AddConversation(Conversation conversation)
    {
        conversation.LineAdded += (c, line) => LineAdded?.Invoke(c, line);
        conversation.LinesInserted += c => LinesInserted?.Invoke(c);
        if (conversation.IsDirect)
            _conversations.Add(conversation);
        else
            _conversations.Insert(_conversations.FindLastIndex(c => !c.IsDirect) + 1, conversation);
        return conversation;
    }

    private Conversation DirectWith(string peerUser)
    {
        if (DirectWithOrNull(peerUser) is { } existing)
            return existing;
        var conversation = AddConversation(Conversation.Direct(peerUser));
        conversation.Title = NickOf(peerUser) ?? peerUser;
        return conversation;
    }

    private Conversation? DirectWithOrNull(string user) => _conversations.FirstOrDefault(c => c.Matches(null, user));

    private Conversation? RoomOrNull(string room) => _conversations.FirstOrDefault(c => c.Matches(room, null));

    private Conversation RoomNamed(string room) => RoomOrNull(room) ?? AddConversation(Conversation.ForRoom(room));

    /// <summary>The conversation a frame with "room" or "with" is about; null when it names neither.</summary>
    private Conversation? ConversationFor(string? room, string? with) =>
        room is not null ? RoomNamed(room) : with is not null ? DirectWith(with) : null;

    private string? NickOf(string user) => _people.FirstOrDefault(p => p.Is(user))?.Nick;

    /// <summary>"!X bob" works with a username or with a nickname of someone online.</summary>
    private string ResolveUser(string name) =>
        _people.FirstOrDefault(p => p.Is(name))?.User
        ?? _people.FirstOrDefault(p => string.Equals(p.Nick, name, StringComparison.OrdinalIgnoreCase))?.User
        ?? name;

    private void AddLocal(Conversation conversation, string text) => conversation.Add(ChatLine.Local(_options.Now(), text));

    /// <summary>
    /// Adds a live line the host numbered; someone else's counts as unread unless the user is
    /// looking at it, or the host already counted it (the backlog delivered at login).
    /// </summary>
    private void AddIncoming(Conversation conversation, long id, ChatLine line, bool fromMe, bool counted = false)
    {
        if (!conversation.AddOnce(id, line))
            return;
        if (conversation == Current)
            MarkViewed(conversation);
        else if (!fromMe && !counted)
            conversation.Unread++;
        RaiseChanged();
    }

    private void Ring()
    {
        if (BellEnabled)
            BellRequested?.Invoke();
    }

    private void RaiseChanged() => Changed?.Invoke();

    /// <summary>
    /// Hands a state change to the dispatcher. After disposal the UI that received changes may be
    /// gone (app.Invoke then throws on whatever thread the socket called from), so late network
    /// events are dropped.
    /// </summary>
    private void Post(Action change)
    {
        if (!_disposed)
            _options.Dispatch(change);
    }
}
