using System.Text;
using Chat.Actors.Delivery;
using Chat.Actors.Sessions;
using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>What the gateway asked the host, so the answer (matched by request id) can be put in IRC terms.</summary>
/// <param name="EndsLine">The last request of a PRIVMSG or NOTICE line: its answer frees the line's place in flight.</param>
public sealed record IrcPending(string Kind, string Target = "", string Text = "", bool EndsLine = false)
{
    /// <summary>For a WHO of a mask: the query its rooms' answers add to.</summary>
    public IrcWhoQuery? Query { get; init; }
}

/// <summary>
/// One IRC client's side of the gateway: what it negotiated and who it is, the requests in
/// flight, and the two ways out: IRC lines to the client and chat frames to its session. The
/// read loop (client lines) and the delivery actor (host frames) both work under its lock, so
/// what each emits keeps its order.
/// </summary>
/// <param name="toSession">Tells the session a chat frame, or (guest mode) a <see cref="LogInAsGuest"/>.</param>
/// <param name="nicks">The node's nick book, which every IRC connection of the node shares.</param>
public sealed class IrcConnection(IConnectionOutput output, Action<object> toSession, IrcNickBook nicks)
{
    public static readonly string[] SupportedCaps = ["server-time", "echo-message", "away-notify", "multi-prefix", "message-tags", "account-tag", "batch", "draft/chathistory", "sasl"];

    public readonly object Gate = new();
    private readonly Dictionary<long, IrcPending> _pending = [];
    private readonly List<IrcLine> _heldUntilRegistered = [];
    private long _nextRequest;

    public string ServerName { get; set; } = "chat";
    public string Motd { get; set; } = "";
    public string? Nick { get; set; }
    public string? UserParam { get; set; }
    public string? Password { get; set; }
    public bool Negotiating { get; set; }
    public HashSet<string> Caps { get; } = new(StringComparer.OrdinalIgnoreCase);
    public bool SaslPlainStarted { get; set; }
    public bool LoginInFlight { get; set; }
    /// <summary>001 was sent: the client may use the chat.</summary>
    public bool Registered { get; private set; }
    /// <summary>The chat account, once logged in.</summary>
    public string? Username { get; set; }
    public HashSet<string> Channels { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>(channel, username) just kicked or banned: the KICK said it, so their "left" is no PART.</summary>
    public HashSet<(string Channel, string User)> Removed { get; } = [];

    public string Me => Nick ?? "*";

    /// <summary>chat.irc.guests: registering without credentials logs in as the nick's guest.</summary>
    public bool GuestsAllowed { get; init; }

    /// <summary>Logged in as a guest: the channels it joined are left when it goes (<see cref="LeaveChannelsOfGuest"/>).</summary>
    public bool Guest { get; set; }

    /// <summary>
    /// A guest's channels last as long as its connection, as on IRC, so the nick's next guest
    /// starts afresh; the lobby stays, since everyone in the chat is in it.
    /// </summary>
    public void LeaveChannelsOfGuest()
    {
        if (!Guest)
            return;
        foreach (var channel in Channels)
            if (IrcNames.Room(channel) is { } room && room != RoomNames.Lobby)
                Tell(new Leave(room));
    }

    /// <summary>
    /// Whether the client sees #lobby (chat.irc.auto-join-lobby at first, then its own JOIN and
    /// PART). The account is in the chat's lobby either way, as everyone is; this is what the
    /// IRC client is shown of it.
    /// </summary>
    public bool LobbyShown { get; set; } = true;

    /// <summary>Frames of a room the client is not shown are not rendered.</summary>
    public bool Hides(string room) => !LobbyShown && room == RoomNames.Lobby;

    /// <summary>
    /// JOIN #lobby while it is not shown: the lobby's newest lines are asked for, and with them
    /// the client enters it as any channel (<see cref="IrcFrames"/>: JOIN, topic, names, the lines).
    /// </summary>
    public void ShowLobby() =>
        Ask(new HistoryRequest(Room: RoomNames.Lobby, Limit: IrcFrames.ReplayLines), new IrcPending("lobby-join", IrcNames.Channel(RoomNames.Lobby)));

    /// <summary>PART #lobby: the client stops being shown it (the chat keeps everyone in its lobby).</summary>
    public void HideLobby()
    {
        var channel = IrcNames.Channel(RoomNames.Lobby);
        LobbyShown = false;
        Channels.Remove(channel);
        Emit(new IrcLine("PART", [channel]) { Source = $"{Me}!{Username}@{IrcNames.UserHost}" });
    }

    public bool Has(string cap) => Caps.Contains(cap);

    /// <summary>Sends a frame to the session; a request's answer will be read as <paramref name="pending"/>.</summary>
    public void Ask(ClientFrame frame, IrcPending pending)
    {
        var id = ++_nextRequest;
        _pending[id] = pending;
        toSession(frame with { Id = RequestId.FromNumber(id) });
    }

    public void Tell(ClientFrame frame) => toSession(frame);

    /// <summary>Logs in as the guest of <paramref name="nick"/>; the answer is read as a "guest-login".</summary>
    public void AskAsGuest(string nick)
    {
        var id = ++_nextRequest;
        _pending[id] = new IrcPending("guest-login", nick);
        toSession(new LogInAsGuest(nick, RequestId.FromNumber(id)));
    }

    public IrcPending? Answered(RequestId? re)
    {
        if (re is not { } id || !long.TryParse(id.ToString(), out var number) || !_pending.Remove(number, out var pending))
            return null;
        if (pending.EndsLine)
            MessageAnswered?.Invoke();
        return pending;
    }

    private readonly HashSet<string> _joinsAwaitingPage = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _pongsWaiting = [];

    /// <summary>A joined room's page is still to come (it follows the join's "ok"): the JOIN is not out yet.</summary>
    public void AwaitPage(string channel) => _joinsAwaitingPage.Add(channel);

    public void PageArrived(string channel) => _joinsAwaitingPage.Remove(channel);

    /// <summary>
    /// PONG once everything asked before the PING is answered, as a server that handles lines in
    /// order would: clients (and irctest) send PING to know that what they sent before took effect.
    /// A few PINGs wait at most; more, and all are answered (an answer that never comes must not
    /// stall the connection).
    /// </summary>
    public void Pong(string token)
    {
        _pongsWaiting.Add(token);
        if (_pending.Count == 0 && _joinsAwaitingPage.Count == 0 || _pongsWaiting.Count > MaxPongsWaiting)
            FlushPongs();
    }

    private const int MaxPongsWaiting = 8;

    /// <summary>After a host frame was rendered: the PINGs waiting for it are answered.</summary>
    public void FlushPongsIfSettled()
    {
        if (_pongsWaiting.Count > 0 && _pending.Count == 0 && _joinsAwaitingPage.Count == 0)
            FlushPongs();
    }

    private void FlushPongs()
    {
        foreach (var token in _pongsWaiting)
            FromServer("PONG", ServerName, token);
        _pongsWaiting.Clear();
    }

    /// <summary>Called (under <see cref="Gate"/>) when a PRIVMSG or NOTICE line was answered: the reader's pacing counts it done.</summary>
    public Action? MessageAnswered { get; set; }

    /// <summary>Remembers whose nick this is, so a message to the nick reaches the account.</summary>
    public string Learn(string username, string nickname) => nicks.Learn(username, nickname);

    public string NickOf(string username) => nicks.NickOf(username);

    public string UsernameOf(string nick) => nicks.UsernameOf(nick);

    /// <summary>A numeric reply from the server to this client.</summary>
    public void Numeric(string code, params string[] parameters) =>
        Emit(new IrcLine(code, [Me, .. parameters]) { Source = ServerName });

    public void Notice(string text) => Emit(new IrcLine("NOTICE", [Me, text]) { Source = ServerName });

    public void FromServer(string command, params string[] parameters) =>
        Emit(new IrcLine(command, [.. parameters]) { Source = ServerName });

    /// <summary>A line to the client; before 001 what concerns the chat waits, so the client sees the welcome first.</summary>
    public void EmitAfterRegistration(IrcLine line)
    {
        if (Registered)
            Emit(line);
        else
            _heldUntilRegistered.Add(line);
    }

    /// <summary>Set once a line did not fit the connection's queue: the connection is being cut off.</summary>
    public bool WriteFailed { get; private set; }

    public void Emit(IrcLine line) => EmitEncoded(Encoding.UTF8.GetBytes(line + "\r\n"));

    /// <summary>A line already encoded, with its CR LF (read-only: the same bytes may go to many connections).</summary>
    public void EmitEncoded(byte[] line)
    {
        if (WriteFailed)
            return;
        if (output.TryWrite(line))
            return;
        WriteFailed = true;
        output.Close("outbound queue full: the client is not reading");
    }

    public void Close(string reason)
    {
        Emit(IrcLine.Of("ERROR", reason));
        output.Finish(reason);
    }

    /// <summary>The welcome burst (001-005 and the MOTD), then whatever waited for it.</summary>
    public void CompleteRegistration()
    {
        if (Registered || Nick is null || UserParam is null || Negotiating)
            return;
        Registered = true;
        Numeric("001", $"Welcome to {ServerName}, {Nick}");
        Numeric("002", $"Your host is {ServerName}, running the chat's IRC gateway");
        Numeric("003", "This server speaks the chat protocol behind an IRC gateway");
        Numeric("004", ServerName, IrcServerQueries.Version, "i", "bio");
        SendIsupport();
        SendMotd();
        if (Username is null)
            Emit(new IrcLine("NOTICE", [Me, "This chat needs an account. Log in with SASL PLAIN or PASS username:password, or /msg NickServ IDENTIFY username password (REGISTER password makes one)."]) { Source = "NickServ!NickServ@services" });
        foreach (var line in _heldUntilRegistered)
            Emit(line);
        _heldUntilRegistered.Clear();
    }

    /// <summary>RPL_ISUPPORT: what this server's names and limits are.</summary>
    public void SendIsupport() =>
        Numeric("005", "CHANTYPES=#", "CASEMAPPING=ascii", "NICKLEN=30", "CHANNELLEN=64", "TOPICLEN=300", "KICKLEN=300", "PREFIX=(o)@",
            "CHANMODES=b,,,i", "MODES=4", $"TARGMAX=PRIVMSG:{SessionLimits.MaxTargetsPerLine},NOTICE:{SessionLimits.MaxTargetsPerLine},JOIN:,PART:,KICK:,NAMES:", "NETWORK=chat",
            $"CHATHISTORY={IrcCommands.MaxHistoryLines}", "MSGREFTYPES=msgid", "are supported by this server");

    public void SendMotd()
    {
        if (Motd.Length == 0)
        {
            Numeric("422", "MOTD File is missing");
            return;
        }
        Numeric("375", $"- {ServerName} Message of the day -");
        foreach (var line in Motd.Split('\n'))
            Numeric("372", "- " + line.TrimEnd('\r'));
        Numeric("376", "End of /MOTD command.");
    }
}
