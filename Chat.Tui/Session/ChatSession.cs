using Chat.Protocol;
using Chat.Tui.Commands;

namespace Chat.Tui.Session;

/// <summary>
/// The client's view-model: everything the screens show (connection status, me, who is online,
/// conversations with their lines and unread counts) and everything the user can ask for. No
/// Terminal.Gui types: views subscribe to <see cref="Changed"/> and <see cref="LineAdded"/> and
/// render. It is put together from small parts: the <see cref="HostLink"/> (connect, log in,
/// reconnect), the <see cref="ChatState"/> the views read, what host events do to it
/// (<see cref="IncomingFrames"/>), what the user has read (<see cref="ReadTracker"/>), and what
/// commands do (<see cref="ChatCommands"/>, called through the <see cref="CommandTable"/>).
/// State changes only happen inside <see cref="SessionOptions.Dispatch"/>, so views read it from
/// one thread.
/// </summary>
public sealed class ChatSession : IAsyncDisposable
{
    /// <summary>Bytes a say or dm frame takes besides its text: type, room or recipient (at most 32 characters), id, the newline.</summary>
    private const int FrameAroundText = 160;

    private readonly HostLink _link;
    private readonly ChatState _state;
    private readonly HostRequests _requests;
    private readonly OutgoingLines _outgoing;
    private readonly ReadTracker _reads;
    private readonly IncomingFrames _incoming;
    private readonly ChatCommands _commands;
    private TaskCompletionSource _rosterLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="servers">The host's address, or its nodes' (one chat): logs in at the first that answers, fails over to the others.</param>
    public ChatSession(ServerList servers, SessionOptions? options = null)
    {
        options ??= new SessionOptions();
        _link = new HostLink(servers, options);
        _state = new ChatState(options.Now) { BellEnabled = options.Bell };
        _requests = new HostRequests(_state, _link);
        _reads = new ReadTracker(_state, _link, _requests, options);
        _incoming = new IncomingFrames(_state, _reads);
        _outgoing = new OutgoingLines(_state, _link, _requests);
        _commands = new ChatCommands(_state, _requests, _outgoing, _reads, _incoming);

        _link.Changed += _state.RaiseChanged;
        _link.FrameReceived += _incoming.Apply;
        _link.LoggedIn += OnLoggedIn;
        _link.Lost += OnLost;
        _link.GaveUp += OnGaveUp;
    }

    /// <summary>Status, me, people, the conversation list, the current one or an unread count changed.</summary>
    public event Action? Changed
    {
        add => _state.Changed += value;
        remove => _state.Changed -= value;
    }

    /// <summary>A line was added to a conversation (not necessarily the current one).</summary>
    public event Action<Conversation, ChatLine>? LineAdded
    {
        add => _state.Conversations.LineAdded += value;
        remove => _state.Conversations.LineAdded -= value;
    }

    /// <summary>Lines went into a conversation above its end (a history page): views re-read it.</summary>
    public event Action<Conversation>? LinesInserted
    {
        add => _state.Conversations.LinesInserted += value;
        remove => _state.Conversations.LinesInserted -= value;
    }

    /// <summary>A DM or a mention of me arrived and the bell is on.</summary>
    public event Action? BellRequested
    {
        add => _state.BellRequested += value;
        remove => _state.BellRequested -= value;
    }

    /// <summary>The user asked to leave (!quit): the app closes its window.</summary>
    public event Action? QuitRequested
    {
        add => _commands.QuitRequested += value;
        remove => _commands.QuitRequested -= value;
    }

    /// <summary>!password: the view asks for the old and new passwords and calls <see cref="ChangePassword"/>.</summary>
    public event Action? PasswordChangeRequested
    {
        add => _commands.PasswordChangeRequested += value;
        remove => _commands.PasswordChangeRequested -= value;
    }

    /// <summary>Sends the change; the answer shows in the conversation on screen.</summary>
    public void ChangePassword(string oldPassword, string newPassword) => _commands.ChangePassword(oldPassword, newPassword);

    /// <summary>The host's addresses (one, or its nodes'); the welcome form may change them before logging in.</summary>
    public ServerList Servers
    {
        get => _link.Servers;
        set => _link.Servers = value;
    }

    /// <summary>The address the link is on (the node, in a cluster); while reconnecting, the one tried next.</summary>
    public ServerAddress Server => _link.Server;

    /// <summary>The last login took the resume token (on whichever node) rather than the password.</summary>
    public bool LastLoginResumed { get; private set; }

    public ConnectionStatus Status => _link.Status;

    /// <summary>How far the chat lines on their way to the host have got ("sending 12 of 20"); null when none waits.</summary>
    public SendProgress? Sending => _outgoing.Progress;

    /// <summary>While reconnecting: which attempt is next and how long it waits first.</summary>
    public int ReconnectAttempt => _link.NextTry?.Attempt ?? 0;

    public TimeSpan ReconnectDelay => _link.NextTry?.Delay ?? TimeSpan.Zero;

    /// <summary>Why the last log-in or registration failed, in plain words; null when it did not.</summary>
    public string? LoginError => _link.LoginError;

    public Person? Me => _state.Me;

    public bool IsLoggedIn => Me is not null;

    /// <summary>Who is online (everyone is in the lobby), by nickname.</summary>
    public IReadOnlyList<Person> People => _state.People.All;

    /// <summary>Who the people panel shows: the members of the room on screen, or the other person of a DM.</summary>
    public IReadOnlyList<Person> PeopleHere => _state.PeopleOf(Current);

    /// <summary>The rooms first (the lobby, then others in the order joined), then direct conversations in the order they began.</summary>
    public IReadOnlyList<Conversation> Conversations => _state.Conversations.All;

    public Conversation Lobby => _state.Conversations.Lobby;

    public Conversation Current => _state.Current;

    public bool BellEnabled => _state.BellEnabled;

    /// <summary>The username whose DM came last; !reply answers it.</summary>
    public string? LastDirectFrom => _state.LastDirectFrom;

    /// <summary>Rooms Tab offers: the ones I am in and the ones the last !rooms listed.</summary>
    public IEnumerable<string> KnownRooms => _commands.KnownRooms;

    public InputHistory History { get; } = new();

    public TabCompleter Completer { get; } = new();

    /// <summary>Names Tab completes: everyone's username and nickname, and the peers of open conversations.</summary>
    public IEnumerable<string> CompletionNames => _state.People.Names.Concat(_state.Conversations.Peers);

    /// <summary>What Tab offers for the word being typed in <paramref name="input"/>: what its command's first argument takes, names otherwise.</summary>
    public IEnumerable<string> CompletionNamesFor(string input) => InputParser.ArgumentBeingTyped(input) switch
    {
        // A name at the start of a line addresses someone: by the nickname they go by.
        null when !input.TrimStart().Contains(' ') && !TabCompleter.IsCommandWord(input.TrimStart()) =>
            _state.People.All.Select(p => p.Nick).Concat(_state.Conversations.All.Where(c => c.IsDirect).Select(c => c.Title)),
        ({ Completes: ArgumentCompletion.Rooms }, _) => KnownRooms.SelectMany(room => new[] { room, "#" + room }),
        ({ Completes: ArgumentCompletion.Users }, 0) => _state.People.Users.Concat(_state.Conversations.Peers),
        _ => CompletionNames,
    };

    /// <summary>Logs in; returns why it failed, or null once logged in with the people panel filled.</summary>
    public Task<string?> LogInAsync(string user, string password) => EnterAsync(_link.LogInAsync(user, password));

    /// <summary>Registers the account and then logs in with it.</summary>
    public Task<string?> RegisterAsync(string user, string password) => EnterAsync(_link.RegisterAsync(user, password));

    /// <summary>Logs in without a password as the Unix user the host's socket knows (<see cref="PeerLoginOffer"/>).</summary>
    public Task<string?> PeerLogInAsync() => EnterAsync(_link.PeerLogInAsync());

    /// <summary>The Unix user the host offers to log this client in as without a password; null when not offered (ask with <see cref="CheckPeerLoginAsync"/>).</summary>
    public string? PeerLoginOffer => _link.PeerLoginOffer;

    /// <summary>Asks the host whether it offers peer login (over its Unix socket only); <see cref="Changed"/> follows.</summary>
    public Task CheckPeerLoginAsync() => _link.CheckPeerLoginAsync();

    private async Task<string?> EnterAsync(Task<string?> login)
    {
        if (await login.ConfigureAwait(false) is { } error)
            return error;
        // What is said after this returns (a rename, a leave) applies to the roster, not before it.
        await _rosterLoaded.Task.ConfigureAwait(false);
        return null;
    }

    /// <summary>Logs out and closes the link; the session stays disconnected. Calling it again waits for the first call.</summary>
    public Task QuitAsync() => _link.QuitAsync();

    public void Select(Conversation conversation)
    {
        _reads.Select(conversation);
        _commands.LoadMembers(_state.Current);
    }

    /// <summary>Ctrl+N / Ctrl+P: the next or previous conversation, wrapping around.</summary>
    public void SelectNext(int step) => Select(_state.Conversations.Neighbour(step));

    /// <summary>Alt+1..9: the conversation at that place in the list (1 is the lobby).</summary>
    public void SelectNumber(int number)
    {
        if (_state.Conversations.AtNumber(number) is { } conversation)
            Select(conversation);
    }

    /// <summary>Alt+W: what !close does, without touching the input bar.</summary>
    public void CloseCurrent()
    {
        if (Status != ConnectionStatus.Connected)
            Refuse("Not closed: not connected to the host.");
        else if (CommandTable.Close(_commands, CommandArgs.None) is { } refusal)
            Refuse(refusal);
    }

    /// <summary>Asks for the page before the oldest line loaded; the chat panel calls it when the user scrolls above the top.</summary>
    public void LoadOlder(Conversation conversation) => _reads.LoadOlder(conversation);

    /// <summary>Asks for the page after the newest line loaded while the conversation shows the middle of history; the chat panel calls it at the bottom.</summary>
    public void LoadNewer(Conversation conversation) => _reads.LoadNewer(conversation);

    /// <summary>Ctrl+End: back from the middle of history to the newest lines of the conversation on screen.</summary>
    public void BackToLiveEnd() => _reads.BackToLiveEnd(_state.Current);

    /// <summary>
    /// F3 (<paramref name="step"/> -1) and Shift+F3 (+1): the next search hit back in time, or
    /// forward, from the one shown (from the newest when none is).
    /// </summary>
    public void JumpToNextHit(int step)
    {
        var here = _state.Current;
        var hits = here.SearchHits;
        if (hits.Count == 0)
        {
            Refuse("Nothing to jump to here: !search text lists hits first.");
            return;
        }
        var at = here.HitId is { } shown ? hits.ToList().IndexOf(shown) : -1;
        var next = at < 0 ? (step < 0 ? hits.Count - 1 : 0) : (at + step + hits.Count) % hits.Count;
        _commands.JumpToHit(next + 1);
    }

    /// <summary>
    /// Runs what the user typed: the parser finds the command in the table, and the command runs
    /// on the view-model. Returns true when the input bar may be cleared; false keeps the text
    /// there (a usage hint, a refusal, or not connected) so nothing typed is lost.
    /// </summary>
    public bool Submit(string input)
    {
        var parsed = InputParser.Parse(input);
        if (parsed.IsEmpty)
            return true;
        if (parsed.Command is not { } command)
            return Refuse(parsed.Hint!);
        if (command.Spec.NeedsHost && Status != ConnectionStatus.Connected)
            return Refuse(Status == ConnectionStatus.Reconnecting
                ? "Not sent: the host is unreachable and the client is reconnecting. Your text stays in the input bar; press Enter again once connected."
                : "Not sent: not connected to the host. Your text stays in the input bar.");
        if (command.Spec.NeedsHost && command.Args.Text is { } text && _state.MaxTextChars is { } max && text.Length > max)
            return Refuse($"Not sent: that is {text.Length:N0} characters and the host takes at most {max:N0} in a message. It stays in the input bar to shorten.");
        // The rest of a say or dm frame (type, room or recipient, id) stays well under this.
        if (command.Spec.NeedsHost && command.Args.Text is { } line && _state.MaxLineBytes is { } maxBytes && EncodedSize.OfText(line) + FrameAroundText > maxBytes)
            return Refuse($"Not sent: that line takes {EncodedSize.OfText(line):N0} bytes and the host reads at most {maxBytes - FrameAroundText:N0} in a message. It stays in the input bar to shorten.");
        if (command.RunOn(_commands) is { } refusal)
            return Refuse(refusal);
        History.Add(input.Trim());
        return true;
    }

    private bool Refuse(string why)
    {
        _state.AddLocal(Current, why);
        return false;
    }

    /// <summary>Applies one decoded frame from the host through the dispatcher, as the link does; specs feed frames through it.</summary>
    internal void Deliver(ServerFrame frame) => _link.Post(() => _incoming.Apply(frame));

    /// <summary>My username or nickname as a whole word, any case.</summary>
    internal bool MentionsMe(string text) => Mentions.Names(text, Me);

    private void OnLoggedIn(LoggedIn login)
    {
        _state.Me = new Person(login.User, login.Nick);
        LastLoginResumed = login.Resumed;
        // Room members are asked for again as rooms come on screen: what was known may be stale.
        _state.RoomMembers.Clear();
        _state.MaxTextChars = login.MaxTextChars;
        _state.MaxLineBytes = login.MaxLineBytes;
        _state.People.Arrive(_state.Me);
        if (login.Reconnected)
            _state.AddLocal(Current, $"Reconnected to {Server} as {login.Nick}.");
        else if (!string.IsNullOrWhiteSpace(login.Motd))
            _state.AddLocal(Lobby, login.Motd);
        // Pages that came before this login could not be marked read without a link, and a page
        // asked for on a link that broke will never come.
        _reads.MarkViewed(Current);
        _reads.ForgetPendingPages();
        _state.RaiseChanged();
        // The people panel fills from the roster; a link that drops first gets it with the next login.
        if (_rosterLoaded.Task.IsCompleted)
            _rosterLoaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loaded = _rosterLoaded;
        _requests.SendQuietly(new Who(), reply =>
        {
            if (reply is Roster roster)
                _incoming.Apply(roster);
            loaded.TrySetResult();
        }, () => loaded.TrySetResult());
        _commands.LoadMembers(Current);
    }

    private void OnLost()
    {
        var lost = $"Lost the connection to {Server}; reconnecting...";
        _state.AddLocal(Current, lost);
        if (Current != Lobby)
            _state.AddLocal(Lobby, lost);
        _state.RaiseChanged();
    }

    private void OnGaveUp(string why)
    {
        _state.AddLocal(Current, why);
        _state.RaiseChanged();
    }

    public async ValueTask DisposeAsync()
    {
        await _link.DisposeAsync().ConfigureAwait(false);
        // A login waiting for its roster does not wait for a link that is gone.
        _rosterLoaded.TrySetResult();
    }
}
