using Akka.Actor;
using Akka.Event;
using Chat.Actors.Accounts;
using Chat.Actors.Delivery;
using Chat.Actors.Mailboxes;
using Chat.Protocol;
using Chat.Actors.Users;

namespace Chat.Actors.Sessions;

/// <summary>
/// One client connection's protocol state: hello, then anonymous (register / log in), then
/// logged in, where requests go to the user actor with the connection's identity. Everything
/// bound for the client leaves through the node's delivery actor, which holds the connection's
/// bounded output: one writer per connection, so what the session answers keeps its place among
/// what rooms and the user actor send.
/// </summary>
public sealed class SessionActor : ActorBase, IWithStash
{
    private readonly ClientConnection _connection;
    private readonly IActorRef _auth;
    private readonly IActorRef _rooms;
    private readonly ChatSettings _settings;
    private readonly string? _throttledAddress;
    private readonly PeerLoginOffer _peerLogin;
    private IActorRef? _user;
    private string? _resumeToken;
    // The login under way is a resume: a client coming back after its link dropped.
    private bool _resuming;
    private string _username = "";
    private IAccountConnections _accounts = UncountedConnection.Instance;
    private IChatLineAnswers _reader = UncountedAnswers.Instance;
    // The login in flight is a guest's: its account may have no other connection.
    private bool _guest;

    /// <param name="throttledAddress">The remote address failed logins and registrations count against; null to count none.</param>
    /// <param name="delivery">This node's delivery actor, which holds the connection's output.</param>
    /// <param name="peerLogin">Whether this connection may log in as its Unix user without a password; null: it may not (not on the Unix socket).</param>
    public SessionActor(IActorRef delivery, IActorRef auth, IActorRef rooms, ChatSettings settings, string? throttledAddress = null, PeerLoginOffer? peerLogin = null)
    {
        _peerLogin = peerLogin ?? PeerLoginOffer.NotOnTheSocket;
        _connection = new ClientConnection(Self, delivery);
        _auth = auth;
        _rooms = rooms;
        _settings = settings;
        _throttledAddress = throttledAddress;
    }

    public IStash Stash { get; set; } = null!;

    // Asked for when needed, not held: an adapter per idle connection is memory spent on nothing.
    private static ILoggingAdapter Log => Context.GetLogger();

    // The constructor's arguments in order, with the shared deploy: Props.Create(() => new ...)
    // and WithDeploy would evaluate the expression and copy the deploy at every login.
    public static Props Props(IActorRef delivery, IActorRef auth, IActorRef rooms, ChatSettings settings, string? throttledAddress = null, PeerLoginOffer? peerLogin = null) =>
        new(CompactMailbox.Deploy, typeof(SessionActor), delivery, auth, rooms, settings, throttledAddress, peerLogin);

    // Each phase is one switch, the first the actor's own Receive: a ReceiveActor's handler tables,
    // built per instance and again at each Become, cost KiBs per connection; a switch costs none.
    protected override bool Receive(object message) => AwaitingHello(message);

    private bool AwaitingHello(object message)
    {
        switch (message)
        {
            case Hello hello:
                OnHello(hello);
                return true;
            case ClientFrame frame:
                Reply(frame, ErrorCodes.HelloRequired, "say hello first: {\"type\":\"hello\",\"protocol\":1}");
                return true;
            default:
                return OutboundAndLifecycle(message);
        }
    }

    private bool Anonymous(object message)
    {
        switch (message)
        {
            case Hello hello:
                Welcome(hello);
                return true;
            case PeerLogin peer when _peerLogin.UnixUser is null:
                Reply(peer, ErrorCodes.PeerLoginUnavailable, _peerLogin.Refusal);
                return true;
            case Register or Login or Resume or PeerLogin or LogInAsGuest:
                _auth.Tell(LoginRequests.For(message, _throttledAddress, _peerLogin.UnixUser));
                _resuming = message is Resume;
                _guest = message is LogInAsGuest;
                Context.Become(message is Register ? (Receive)Registering : LoggingIn);
                return true;
            case Ping ping:
                Pong(ping);
                return true;
            case ClientFrame frame:
                Reply(frame, ErrorCodes.NotLoggedIn, "log in first");
                return true;
            default:
                return OutboundAndLifecycle(message);
        }
    }

    /// <summary>Between a registration and its outcome, later frames wait: a login right behind it must find the account.</summary>
    private bool Registering(object message)
    {
        switch (message)
        {
            case Reply reply:
                Send(reply);
                BecomeUnstashed(Anonymous);
                return true;
            default:
                return StashFramesOr(message);
        }
    }

    /// <summary>Between a login request and its outcome, later frames wait so none is refused as "not logged in".</summary>
    private bool LoggingIn(object message)
    {
        switch (message)
        {
            case AccountAuthenticated authenticated:
                OnAuthenticated(authenticated);
                return true;
            case ErrorReply error:
                _guest = false;
                Send(error);
                BecomeUnstashed(Anonymous);
                return true;
            default:
                return StashFramesOr(message);
        }
    }

    private void OnAuthenticated(AccountAuthenticated authenticated)
    {
        var account = authenticated.Account;
        var guest = _guest;
        _guest = false;
        if (!_accounts.TryLogIn(account.Username, out var refusal, alone: guest))
        {
            if (authenticated.ResumeToken is { } unused)
                _auth.Tell(new RevokeResumeToken(unused));
            Send(new ErrorReply(guest ? ErrorCodes.NameTaken : ErrorCodes.TooManyConnections, refusal) { Re = authenticated.Re });
            BecomeUnstashed(Anonymous);
            return;
        }
        _resumeToken = authenticated.ResumeToken;
        _rooms.Tell(new UserEnvelope(account.Username, new AttachConnection(account.Username, account.Nickname, _connection, authenticated.Re) { ResumeToken = _resumeToken, HostOperator = account.HostOperator, Resumed = _resuming }));
        Context.Become(Attaching);
    }

    /// <summary>The user actor answers the login on the connection; then requests go to it.</summary>
    private bool Attaching(object message)
    {
        switch (message)
        {
            case ConnectionAttached attached:
                _user = attached.User;
                Context.Watch(_user);
                _loginBy = null;
                _username = attached.Username;
                Log.Info("{0} logged in", attached.Username);
                BecomeUnstashed(LoggedIn);
                return true;
            default:
                return StashFramesOr(message);
        }
    }

    private bool LoggedIn(object message)
    {
        switch (message)
        {
            case Hello hello:
                Welcome(hello);
                return true;
            case ClientFrame frame when UserRequests.For(frame) is { } request:
                _user.Tell(request);
                return true;
            case ChangePasswordRequest change:
                _auth.Tell(new ChangePassword(_username, change.Old, change.New, change.Id) { From = _throttledAddress });
                return true;
            case LogoutAll all:
                _auth.Tell(new RevokeAllResumeTokens(_username, all.Id));
                return true;
            case Ping ping:
                Pong(ping);
                return true;
            case Logout logout:
                DetachFromUser();
                RevokeResumeToken();
                _accounts.LoggedOut();
                StartLoginDeadline();
                Send(new Ok { Re = logout.Id });
                Context.Become(Anonymous);
                return true;
            case ClientFrame frame:
                Reply(frame, ErrorCodes.AlreadyLoggedIn, "already logged in; log out first");
                return true;
            case Terminated t when t.ActorRef.Equals(_user):
                Close("the user's state was lost");
                return true;
            default:
                return OutboundAndLifecycle(message);
        }
    }

    /// <summary>While a phase waits for an outcome, frames wait behind it; the rest is handled as in every phase.</summary>
    private bool StashFramesOr(object message)
    {
        if (message is not ClientFrame)
            return OutboundAndLifecycle(message);
        Stash.Stash();
        return true;
    }

    /// <summary>What every phase handles: frames for the client, rejected lines, being told to close, and the socket closing.</summary>
    private bool OutboundAndLifecycle(object message)
    {
        switch (message)
        {
            case ServerFrame frame:
                Send(frame);
                return true;
            case FrameRejected rejected:
                Send(rejected.ToReply());
                return true;
            case CloseWithBye bye:
                SayByeAndClose(bye.Code, bye.Reason);
                return true;
            case ConnectionClosed:
                Context.Stop(Self);
                return true;
            case CountConnection count:
                _accounts = count.Counter;
                return true;
            case WatchChatLineAnswers watch:
                _reader = watch.Reader;
                return true;
            case AccountTokensRevoked revoked:
                OnAccountTokensRevoked(revoked);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A password change or "logout_all" went through: this connection's token went with the
    /// others, and the account's other connections are closed by its user actor, which knows
    /// them all. This one stays logged in (or, if it logged out meanwhile, is only told "ok").
    /// </summary>
    private void OnAccountTokensRevoked(AccountTokensRevoked revoked)
    {
        _resumeToken = null;
        _user?.Tell(new EndOtherTerminals(Self, new CloseWithBye(revoked.ByeCode, revoked.ByeReason)));
        Send(new Ok { Re = revoked.Re });
    }

    private void OnHello(Hello hello)
    {
        if (hello.Protocol != FrameCodec.ProtocolVersion)
        {
            Reply(hello, ErrorCodes.UnsupportedProtocol, $"this host speaks protocol {FrameCodec.ProtocolVersion}");
            return;
        }
        Welcome(hello);
        Context.Become(Anonymous);
    }

    private void Welcome(Hello hello) =>
        Send(new Welcome(FrameCodec.ProtocolVersion, _settings.ServerName, _settings.Motd)
        {
            Re = hello.Id,
            MaxTextChars = _settings.MaxTextChars,
            MaxLineBytes = _settings.MaxLineBytes,
            PeerLogin = _peerLogin.UnixUser,
        });

    private void Pong(Ping ping) => Send(new Pong { Re = ping.Id });

    private void BecomeUnstashed(Receive phase)
    {
        Context.Become(phase);
        Stash.UnstashAll();
    }

    private void DetachFromUser(bool closed = false)
    {
        if (_user is null)
            return;
        Context.Unwatch(_user);
        _user.Tell(new DetachConnection(Self, closed));
        _user = null;
    }

    private void Reply(ClientFrame request, string code, string message) =>
        Send(new ErrorReply(code, message) { Re = request.Id });

    private void Send(ServerFrame frame)
    {
        _connection.Send(frame);
        // After the answer is on its way: the reader may then let the next chat line in.
        if (frame is Ok or ErrorReply)
            _reader.Answered(((Reply)frame).Re);
    }

    private void Close(string reason, bool afterQueued = false) =>
        _connection.Delivery.Tell(new CloseConnection(Self, reason, afterQueued));

    /// <summary>A session that fails cannot know what its client was told: close the connection rather than restart blank.</summary>
    protected override void PreRestart(Exception reason, object message)
    {
        Log.Error(reason, "session failed on {0}", message.GetType().Name);
        Close("internal error");
        base.PreRestart(reason, message);
    }

    protected override void PostStop() => DetachFromUser(closed: true);

    // The guards against connections that hold resources without using them: an anonymous
    // connection must log in within the login timeout, and a silent link is probed with a
    // "ping" and closed when the probe goes unanswered. They sit in front of every phase
    // (AroundReceive), so no phase can forget them; the node's delivery actor says when to check
    // (CheckConnectionGuards), not a timer per connection. (The flood gate a logged-in user's
    // requests share across terminals is the user actor's: see UserFloodControl.cs.)
    private LinkLiveness _liveness = null!;
    private TimeSpan? _loginBy; // null while logged in
    private bool _guardsDone; // told bye
    private SessionLimits Limits => _settings.Session;

    protected override void PreStart()
    {
        _liveness = new LinkLiveness(Limits.IdleProbeAfter, Limits.ProbeAnswerWithin, MonotonicClock.Now());
        StartLoginDeadline();
    }

    // The guard wraps the behaviour inside base.AroundReceive, where the stash and the phases see messages.
    protected override bool AroundReceive(Receive receive, object message) =>
        base.AroundReceive(m => Guard(m) || receive(m), message);

    /// <summary>True when the guard has dealt with the message and no phase should see it.</summary>
    private bool Guard(object message)
    {
        switch (message)
        {
            case PingAnswer:
                // The answer to our probe has done its work by arriving.
                _liveness.Heard(MonotonicClock.Now());
                return true;
            case ClientFrame or FrameRejected:
                _liveness.Heard(MonotonicClock.Now());
                return false;
            case CheckConnectionGuards:
                if (!_guardsDone)
                    CheckGuards();
                return true;
            default:
                return false;
        }
    }

    private void CheckGuards()
    {
        var now = MonotonicClock.Now();
        if (_loginBy <= now)
        {
            SayByeAndClose(ErrorCodes.LoginTimeout, $"log in within {Limits.LoginTimeout.TotalSeconds:0.###} s of connecting");
            return;
        }
        switch (_liveness.Check(now))
        {
            case LivenessCheck.Probe:
                Send(new PingProbe());
                break;
            case LivenessCheck.Dead:
                SayByeAndClose(ErrorCodes.IdleTimeout, "no answer to ping");
                break;
        }
    }

    private void StartLoginDeadline() => _loginBy = MonotonicClock.Now() + Limits.LoginTimeout;

    private void RevokeResumeToken()
    {
        if (_resumeToken is { } token)
            _auth.Tell(new RevokeResumeToken(token));
        _resumeToken = null;
    }

    private void SayByeAndClose(string code, string message)
    {
        _guardsDone = true;
        Send(new Bye(code, message));
        Close($"{code}: {message}", afterQueued: true);
    }
}
