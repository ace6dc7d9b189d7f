using Akka.Actor;
using Akka.Event;
using Chat.Actors.Accounts;
using Chat.Actors.Delivery;
using Chat.Protocol;
using Chat.Actors.Users;

namespace Chat.Actors.Sessions;

/// <summary>
/// One client connection's protocol state: hello, then anonymous (register / log in), then
/// logged in, where requests go to the user actor with the connection's identity. Each phase is
/// its own table of frame handlers. Everything bound for the client leaves through the node's
/// delivery actor, which holds the connection's bounded output: one writer per connection, so
/// what the session answers keeps its place among what rooms and the user actor send.
/// </summary>
public sealed class SessionActor : ReceiveActor, IWithStash, IWithTimers
{
    private readonly ClientConnection _connection;
    private readonly IActorRef _auth;
    private readonly IActorRef _rooms;
    private readonly ChatSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
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
        AwaitingHello();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(IActorRef delivery, IActorRef auth, IActorRef rooms, ChatSettings settings, string? throttledAddress = null, PeerLoginOffer? peerLogin = null) =>
        Akka.Actor.Props.Create(() => new SessionActor(delivery, auth, rooms, settings, throttledAddress, peerLogin));

    private void AwaitingHello()
    {
        Receive<Hello>(OnHello);
        Receive<ClientFrame>(frame => Reply(frame, ErrorCodes.HelloRequired, "say hello first: {\"type\":\"hello\",\"protocol\":1}"));
        ReceiveOutboundAndLifecycle();
    }

    private void Anonymous()
    {
        Receive<Hello>(Welcome);
        Receive<Register>(register =>
        {
            _auth.Tell(new RegisterAccount(register.User, register.Password, register.Id) { From = _throttledAddress });
            Become(Registering);
        });
        Receive<Login>(login =>
        {
            _auth.Tell(new AuthenticateAccount(login.User, login.Password, login.Id) { From = _throttledAddress });
            _resuming = false;
            Become(LoggingIn);
        });
        Receive<Resume>(resume =>
        {
            _auth.Tell(new ResumeSession(resume.Token, resume.Id));
            _resuming = true;
            Become(LoggingIn);
        });
        Receive<PeerLogin>(peer =>
        {
            if (_peerLogin.UnixUser is not { } unixUser)
            {
                Reply(peer, ErrorCodes.PeerLoginUnavailable, _peerLogin.Refusal);
                return;
            }
            _auth.Tell(new AuthenticatePeer(unixUser, peer.Id));
            _resuming = false;
            Become(LoggingIn);
        });
        Receive<LogInAsGuest>(guest =>
        {
            _auth.Tell(new AuthenticateGuest(guest.Nick, guest.Id) { From = _throttledAddress });
            _guest = true;
            Become(LoggingIn);
        });
        Receive<Ping>(Pong);
        Receive<ClientFrame>(frame => Reply(frame, ErrorCodes.NotLoggedIn, "log in first"));
        ReceiveOutboundAndLifecycle();
    }

    /// <summary>Between a registration and its outcome, later frames wait: a login right behind it must find the account.</summary>
    private void Registering()
    {
        Receive<Reply>(reply =>
        {
            Send(reply);
            BecomeUnstashed(Anonymous);
        });
        Receive<ClientFrame>(_ => Stash.Stash());
        ReceiveOutboundAndLifecycle();
    }

    /// <summary>Between a login request and its outcome, later frames wait so none is refused as "not logged in".</summary>
    private void LoggingIn()
    {
        Receive<AccountAuthenticated>(authenticated =>
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
            Become(Attaching);
        });
        Receive<ErrorReply>(error =>
        {
            _guest = false;
            Send(error);
            BecomeUnstashed(Anonymous);
        });
        Receive<ClientFrame>(_ => Stash.Stash());
        ReceiveOutboundAndLifecycle();
    }

    /// <summary>The user actor answers the login on the connection; then requests go to it.</summary>
    private void Attaching()
    {
        Receive<ConnectionAttached>(attached =>
        {
            _user = attached.User;
            Context.Watch(_user);
            StopLoginDeadline();
            _username = attached.Username;
            _log.Info("{0} logged in", attached.Username);
            BecomeUnstashed(LoggedIn);
        });
        Receive<ClientFrame>(_ => Stash.Stash());
        ReceiveOutboundAndLifecycle();
    }

    private void LoggedIn()
    {
        Receive<Hello>(Welcome);
        Receive<ChangeNick>(nick => _user.Tell(new ChangeNickname(nick.Nick, nick.Id)));
        Receive<Say>(say => _user.Tell(new SayInRoom(say.Room, say.Text, say.Id) { Notice = say.Notice == true }));
        Receive<SendDirect>(dm => _user.Tell(new SendDirectMessage(dm.To, dm.Text, dm.Id) { Notice = dm.Notice == true }));
        Receive<Who>(who => _user.Tell(new ListRoomMembers(who.Room, who.Id)));
        Receive<Ignore>(ignore => _user.Tell(new ChangeIgnore(ignore.User, true, ignore.Id)));
        Receive<Unignore>(unignore => _user.Tell(new ChangeIgnore(unignore.User, false, unignore.Id)));
        // Requests that need only the user's own identity go to the user actor as they are.
        Receive<Join>(Forward);
        Receive<Leave>(Forward);
        Receive<ListRooms>(Forward);
        Receive<HistoryRequest>(Forward);
        Receive<MarkRead>(Forward);
        Receive<CloseConversation>(Forward);
        Receive<SearchRequest>(Forward);
        Receive<SetAway>(Forward);
        Receive<Back>(Forward);
        Receive<Whois>(Forward);
        // The room decides whether the user may: permissions are the host's, never the client's.
        Receive<RoomModerationFrame>(Forward);
        Receive<ChangePasswordRequest>(change =>
            _auth.Tell(new ChangePassword(_username, change.Old, change.New, change.Id) { From = _throttledAddress }));
        Receive<LogoutAll>(all => _auth.Tell(new RevokeAllResumeTokens(_username, all.Id)));
        Receive<Ping>(Pong);
        Receive<Logout>(logout =>
        {
            DetachFromUser();
            RevokeResumeToken();
            _accounts.LoggedOut();
            StartLoginDeadline();
            Send(new Ok { Re = logout.Id });
            Become(Anonymous);
        });
        Receive<ClientFrame>(frame => Reply(frame, ErrorCodes.AlreadyLoggedIn, "already logged in; log out first"));
        Receive<Terminated>(t => t.ActorRef.Equals(_user), _ => Close("the user's state was lost"));
        ReceiveOutboundAndLifecycle();
    }

    /// <summary>What every phase handles: frames for the client, rejected lines, being told to close, and the socket closing.</summary>
    private void ReceiveOutboundAndLifecycle()
    {
        Receive<ServerFrame>(Send);
        Receive<FrameRejected>(rejected => Send(new ErrorReply(rejected.Code, rejected.Message) { Re = rejected.Re }));
        Receive<CloseWithBye>(bye => SayByeAndClose(bye.Code, bye.Reason));
        Receive<ConnectionClosed>(_ => Context.Stop(Self));
        Receive<CountConnection>(count => _accounts = count.Counter);
        Receive<WatchChatLineAnswers>(watch => _reader = watch.Reader);
        Receive<AccountTokensRevoked>(OnAccountTokensRevoked);
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
        Become(Anonymous);
    }

    private void Welcome(Hello hello) =>
        Send(new Welcome(FrameCodec.ProtocolVersion, _settings.ServerName, _settings.Motd)
        {
            Re = hello.Id,
            MaxTextChars = _settings.MaxTextChars,
            MaxLineBytes = _settings.MaxLineBytes,
            PeerLogin = _peerLogin.UnixUser,
        });

    private void Forward(ClientFrame frame) => _user.Tell(frame);

    private void Pong(Ping ping) => Send(new Pong { Re = ping.Id });

    private void BecomeUnstashed(Action behaviour)
    {
        Become(behaviour);
        Stash.UnstashAll();
    }

    private void DetachFromUser()
    {
        if (_user is null)
            return;
        Context.Unwatch(_user);
        _user.Tell(new DetachConnection(Self));
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
        _log.Error(reason, "session failed on {0}", message.GetType().Name);
        Close("internal error");
        base.PreRestart(reason, message);
    }

    protected override void PostStop() => DetachFromUser();

    // The guards against connections that hold resources without using them: an anonymous
    // connection must log in within the login timeout, and a silent link is probed with a
    // "ping" and closed when the probe goes unanswered. They sit in front of every phase
    // (AroundReceive), so no phase can forget them. (The flood gate a logged-in user's requests
    // share across terminals is the user actor's: see UserFloodControl.cs.)

    private LinkLiveness _liveness = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record LoginDeadlinePassed
    {
        public static readonly LoginDeadlinePassed Instance = new();
    }

    private sealed record CheckLiveness
    {
        public static readonly CheckLiveness Instance = new();
    }

    private SessionLimits Limits => _settings.Session;

    protected override void PreStart()
    {
        _liveness = new LinkLiveness(Limits.IdleProbeAfter, Limits.ProbeAnswerWithin, MonotonicClock.Now());
        Timers.StartPeriodicTimer(nameof(CheckLiveness), CheckLiveness.Instance, _liveness.CheckInterval);
        StartLoginDeadline();
    }

    // The timer scheduler unwraps its messages inside base.AroundReceive, so the guard wraps the
    // behaviour there rather than looking at the raw message here.
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
            case CheckLiveness:
                OnCheckLiveness();
                return true;
            case LoginDeadlinePassed:
                if (_user is null)
                    SayByeAndClose(ErrorCodes.LoginTimeout, $"log in within {Limits.LoginTimeout.TotalSeconds:0.###} s of connecting");
                return true;
            default:
                return false;
        }
    }

    private void OnCheckLiveness()
    {
        switch (_liveness.Check(MonotonicClock.Now()))
        {
            case LivenessCheck.Probe:
                Send(new PingProbe());
                break;
            case LivenessCheck.Dead:
                SayByeAndClose(ErrorCodes.IdleTimeout, "no answer to ping");
                break;
        }
    }

    private void StartLoginDeadline() =>
        Timers.StartSingleTimer(nameof(LoginDeadlinePassed), LoginDeadlinePassed.Instance, Limits.LoginTimeout);

    private void StopLoginDeadline() => Timers.Cancel(nameof(LoginDeadlinePassed));

    private void RevokeResumeToken()
    {
        if (_resumeToken is { } token)
            _auth.Tell(new RevokeResumeToken(token));
        _resumeToken = null;
    }

    private void SayByeAndClose(string code, string message)
    {
        Timers.CancelAll();
        Send(new Bye(code, message));
        Close($"{code}: {message}", afterQueued: true);
    }
}
