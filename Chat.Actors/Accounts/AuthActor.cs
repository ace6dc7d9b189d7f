using Chat.Actors.Telemetry;
using Akka.Actor;
using Akka.Event;
using Chat.Protocol;
using Chat.Actors.Storage;

namespace Chat.Actors.Accounts;

/// <summary>
/// Registration and login. Hashing is slow by design, so it runs as a task (at most a few at
/// once, so logins cannot starve the actors of threads) and the result is piped to the asker.
/// Logins and registrations wait their turn in a bounded, fair <see cref="HashQueue{TJob}"/>:
/// limits in all, per peer and per account apply before anything is queued, peers are served
/// in turn, and the work of a connection that has gone is dropped before it is hashed. A resume
/// login costs no hash and never waits in that queue.
/// An unknown user costs the same hash as a wrong password: the reply and its timing do not
/// tell whether a username exists. Failed logins are throttled per username and per address
/// (<see cref="LoginThrottle"/>), registrations per address; both answer "rate_limited" at once.
/// A successful login issues a resume token, which logs in later without the hash.
/// </summary>
public sealed class AuthActor : ReceiveActor
{
    private readonly IChatStore _store;
    private readonly PasswordHasher _hasher;
    private readonly int _maxConcurrentHashes;
    private readonly HashQueueLimits _hashLimits;
    private readonly HashQueue<HashJob> _queue;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly LoginLimits _limits;
    private readonly LoginThrottle _failedLogins;
    private readonly AddressRateLimiter _registrations;

    public AuthActor(IChatStore store, ChatSettings settings)
    {
        _store = store;
        _hasher = new PasswordHasher(settings.PasswordIterations);
        _maxConcurrentHashes = Math.Max(1, settings.MaxConcurrentHashes);
        _hashLimits = settings.HashQueue;
        _queue = new HashQueue<HashJob>(_hashLimits);
        _limits = settings.Login;
        _failedLogins = new LoginThrottle(_limits);
        _registrations = new AddressRateLimiter(_limits.RegistrationBurst, _limits.RegistrationsPerHour / 3600, _limits.MaxTrackedKeys);

        Receive<RegisterAccount>(OnRegister);
        Receive<AuthenticateAccount>(OnAuthenticate);
        Receive<ChangePassword>(OnChangePassword);
        Receive<RevokeAllResumeTokens>(revoke => _store.RevokeResumeTokensOfAsync(revoke.Username).PipeTo(
            Sender,
            success: () => new AccountTokensRevoked(revoke.Re, ErrorCodes.LoggedOutEverywhere, "you logged out everywhere from another connection"),
            failure: Unavailable(revoke.Re)));
        Receive<LoginAttempted>(OnLoginAttempted);
        Receive<HashWorkDone>(done =>
        {
            Finished(done.Job);
            // A wrong old password in a password change counts as a failed login for the account.
            if (done.Job.Request is ChangePassword && done.Outcome is ErrorReply { Code: ErrorCodes.BadCredentials })
                _failedLogins.RecordFailure([done.Job.Account], MonotonicClock.Now());
            done.Job.Asker.Tell(done.Outcome);
        });
        Receive<Terminated>(gone => _queue.Drop(job => job.Asker.Equals(gone.ActorRef)));
        Receive<ResumeSession>(resume => ResumeAsync(resume).PipeTo(Sender, failure: Unavailable(resume.Re)));
        // The kernel vouched for the user: no hash, so like a resume it never waits in the hash queue.
        Receive<AuthenticatePeer>(peer => PeerLoginAsync(peer).PipeTo(Sender, failure: Unavailable(peer.Re)));
        // A guest has no password: nothing to hash, so it never waits in the hash queue either.
        Receive<AuthenticateGuest>(OnAuthenticateGuest);
        Receive<GuestLookedUp>(OnGuestLookedUp);
        Receive<RevokeResumeToken>(revoke =>
            _store.RevokeResumeTokenAsync(ResumeTokens.Hash(revoke.Token)).PipeTo(Self, success: () => TokenRevoked.Instance));
        Receive<TokenRevoked>(_ => { });
        Receive<Status.Failure>(failure => _log.Error(failure.Cause, "revoking a resume token failed"));
    }

    /// <summary>A login or registration waiting for (or holding) a hashing slot.</summary>
    private sealed record HashJob(object Request, IActorRef Asker, string? Peer, string Account) : IHashJob
    {
        public string[] ThrottleKeys { get; init; } = [];
    }

    /// <summary>A registration's or password change's outcome on its way back to the asker.</summary>
    private sealed record HashWorkDone(object Outcome, HashJob Job);

    /// <summary>A login's outcome on its way back to the asker, past the throttle's bookkeeping.</summary>
    private sealed record LoginAttempted(object Outcome, IActorRef Asker, string[] ThrottleKeys, HashJob Job)
    {
        /// <summary>The username's key: a success clears it; the address keeps its record.</summary>
        public string UserKey => ThrottleKeys[0];
    }

    /// <summary>A guest login's account (null: none yet), back on the actor's thread before anything is created.</summary>
    private sealed record GuestLookedUp(AuthenticateGuest Guest, IActorRef Asker, Account? Account)
    {
        /// <summary>The store could not be read: the answer to the asker.</summary>
        public object? Failure { get; init; }
    }

    private sealed record TokenRevoked
    {
        public static readonly TokenRevoked Instance = new();
    }

    public static Props Props(IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new AuthActor(store, settings));

    private void OnRegister(RegisterAccount register)
    {
        if (!AccountRules.TryNormalizeUsername(register.User, out var username))
            Sender.Tell(Error(ErrorCodes.BadName, "a username is 3 to 20 of a-z, 0-9, _ and -", register.Re));
        else if (AccountRules.CheckPassword(register.Password) is { } weak)
            Sender.Tell(Error(ErrorCodes.WeakPassword, weak, register.Re));
        else if (register.From is { } from && _registrations.TryTake(from, MonotonicClock.Now()) is var wait && wait > TimeSpan.Zero)
        {
            ChatMetrics.Throttle("registration");
            Sender.Tell(RateLimited.Error(wait, "too many new accounts from your address", register.Re));
        }
        else
            Enqueue(new HashJob(register, Sender, register.From, LoginThrottle.UserKey(username)), register.Re);
    }

    /// <summary>Queues hashing work if the limits allow, else answers rate_limited at once.</summary>
    private void Enqueue(HashJob job, RequestId? re)
    {
        if (_queue.TryEnqueue(job) is { } refusal)
        {
            job.Asker.Tell(RateLimited.Error(_hashLimits.RetryAfter, refusal, re));
            return;
        }
        Context.Watch(job.Asker);
        StartWaitingWork();
    }

    private void StartWaitingWork()
    {
        while (_queue.Running < _maxConcurrentHashes && _queue.TakeNext() is { } job)
        {
            Context.Unwatch(job.Asker);
            if (job.Request is RegisterAccount register)
                RegisterAsync(register).PipeTo(Self,
                    success: outcome => new HashWorkDone(outcome, job),
                    failure: e => new HashWorkDone(Unavailable(register.Re)(e), job));
            else if (job.Request is ChangePassword change)
                ChangePasswordAsync(change).PipeTo(Self,
                    success: outcome => new HashWorkDone(outcome, job),
                    failure: e => new HashWorkDone(Unavailable(change.Re)(e), job));
            else if (job.Request is AuthenticateAccount login)
            {
                var unavailable = Unavailable(login.Re);
                AuthenticateAsync(login).PipeTo(Self,
                    success: outcome => new LoginAttempted(outcome, job.Asker, job.ThrottleKeys, job),
                    failure: e => new LoginAttempted(unavailable(e), job.Asker, job.ThrottleKeys, job));
            }
        }
    }

    private void Finished(HashJob job)
    {
        _queue.Finished(job);
        StartWaitingWork();
    }

    private void OnAuthenticate(AuthenticateAccount login)
    {
        // The username's key first: LoginAttempted.UserKey relies on it.
        string[] keys = login.From is { } from
            ? [LoginThrottle.UserKey(login.User), LoginThrottle.AddressKey(from)]
            : [LoginThrottle.UserKey(login.User)];
        var wait = _failedLogins.RetryAfter(keys, MonotonicClock.Now());
        if (wait > TimeSpan.Zero)
        {
            ChatMetrics.Throttle("login");
            Sender.Tell(RateLimited.Error(wait, "too many failed logins; wait before trying again", login.Re));
            return;
        }
        // A name that is no username still costs a (dummy) hash: it is counted under the key the throttle uses.
        Enqueue(new HashJob(login, Sender, login.From, keys[0]) { ThrottleKeys = keys }, login.Re);
    }

    private void OnLoginAttempted(LoginAttempted attempt)
    {
        Finished(attempt.Job);
        if (attempt.Outcome is ErrorReply { Code: ErrorCodes.BadCredentials })
            _failedLogins.RecordFailure(attempt.ThrottleKeys, MonotonicClock.Now());
        else if (attempt.Outcome is AccountAuthenticated)
            _failedLogins.RecordSuccess(attempt.UserKey);
        ChatMetrics.Login("password", attempt.Outcome is AccountAuthenticated ? "ok" : (attempt.Outcome as ErrorReply)?.Code ?? "failed");
        attempt.Asker.Tell(attempt.Outcome);
    }

    private void OnChangePassword(ChangePassword change)
    {
        var key = LoginThrottle.UserKey(change.Username);
        if (AccountRules.CheckPassword(change.NewPassword) is { } weak)
            Sender.Tell(Error(ErrorCodes.WeakPassword, weak, change.Re));
        else if (_failedLogins.RetryAfter([key], MonotonicClock.Now()) is var wait && wait > TimeSpan.Zero)
            Sender.Tell(RateLimited.Error(wait, "too many failed logins; wait before trying again", change.Re));
        else
            Enqueue(new HashJob(change, Sender, change.From, key), change.Re);
    }

    /// <summary>Checks the old password, stores a hash of the new one, and revokes every resume token of the account (the session then ends the others).</summary>
    private async Task<object> ChangePasswordAsync(ChangePassword change)
    {
        var account = await _store.FindAccountAsync(change.Username);
        if (account is null || !(await HashAsync(() => _hasher.Verify(change.OldPassword, account.PasswordHash))).IsValid)
            return BadCredentials(change.Re);
        await _store.SetPasswordHashAsync(account.Username, await HashAsync(() => _hasher.Hash(change.NewPassword)));
        await _store.RevokeResumeTokensOfAsync(account.Username);
        return new AccountTokensRevoked(change.Re, ErrorCodes.PasswordChanged, "the password was changed from another connection; log in with the new one");
    }

    private async Task<object> RegisterAsync(RegisterAccount register)
    {
        AccountRules.TryNormalizeUsername(register.User, out var username);
        // Registration has to say "taken" anyway; checking first spares a hash for nothing.
        if (await _store.FindAccountAsync(username) is not null)
            return NameTaken(username, register.Re);

        var hash = await HashAsync(() => _hasher.Hash(register.Password));
        var created = await _store.CreateAccountAsync(new Account(username, hash, username, UtcClock.Now()));
        return created ? new Ok { Re = register.Re, User = username, Nick = username } : NameTaken(username, register.Re);
    }

    private async Task<object> AuthenticateAsync(AuthenticateAccount login)
    {
        var account = AccountRules.TryNormalizeUsername(login.User, out var username)
            ? await _store.FindAccountAsync(username)
            : null;
        if (account is null)
        {
            await HashAsync(() => _hasher.VerifyAgainstDummy(login.Password));
            return BadCredentials(login.Re);
        }

        var check = await HashAsync(() => _hasher.Verify(login.Password, account.PasswordHash));
        if (!check.IsValid)
            return BadCredentials(login.Re);
        if (check.NeedsRehash)
        {
            var rehashed = await HashAsync(() => _hasher.Hash(login.Password));
            await _store.SetPasswordHashAsync(account.Username, rehashed);
            account = account with { PasswordHash = rehashed };
        }
        if (AccountStanding.LoginRefusal(account, UtcClock.Now()) is { } refused)
            return Error(refused.Code, refused.Message, login.Re);
        return new AccountAuthenticated(account, login.Re) { ResumeToken = await IssueResumeTokenAsync(account.Username) };
    }

    private async Task<object> ResumeAsync(ResumeSession resume)
    {
        var grant = await _store.TakeResumeTokenAsync(ResumeTokens.Hash(resume.Token), UtcClock.Now());
        var account = grant is null ? null : await _store.FindAccountAsync(grant.Username);
        if (account is null)
            return Error(ErrorCodes.InvalidToken, "the resume token is unknown, used or expired; log in with the password", resume.Re);
        if (AccountStanding.LoginRefusal(account, UtcClock.Now()) is { } refused)
            return Error(refused.Code, refused.Message, resume.Re);
        // The new token ends when the old one would have: renewing never extends a login's life.
        return new AccountAuthenticated(account, resume.Re) { ResumeToken = await IssueResumeTokenAsync(account.Username, grant!.Expires) };
    }

    private async Task<object> PeerLoginAsync(AuthenticatePeer peer)
    {
        var account = AccountRules.TryNormalizeUsername(peer.UnixUser, out var username)
            ? await _store.FindAccountAsync(username)
            : null;
        object outcome = account is null
            ? Error(ErrorCodes.NoSuchUser, $"there is no chat account named {peer.UnixUser}, your Unix user: register it (with a password) first, then log in over the socket without one", peer.Re)
            : new AccountAuthenticated(account, peer.Re) { ResumeToken = await IssueResumeTokenAsync(account.Username) };
        ChatMetrics.Login("peer", outcome is AccountAuthenticated ? "ok" : ErrorCodes.NoSuchUser);
        return outcome;
    }

    private void OnAuthenticateGuest(AuthenticateGuest guest)
    {
        var asker = Sender;
        _store.FindAccountAsync(GuestAccounts.UsernameFor(guest.Nick))
            .PipeTo(Self, success: account => new GuestLookedUp(guest, asker, account), failure: e => new GuestLookedUp(guest, asker, null) { Failure = Unavailable(guest.Re)(e) });
    }

    /// <summary>On the actor's thread: a new guest account counts as a registration against the address.</summary>
    private void OnGuestLookedUp(GuestLookedUp looked)
    {
        var guest = looked.Guest;
        if (looked.Failure is { } failure)
        {
            looked.Asker.Tell(failure);
            return;
        }
        if (looked.Account is null && guest.From is { } from && _registrations.TryTake(from, MonotonicClock.Now()) is var wait && wait > TimeSpan.Zero)
        {
            ChatMetrics.Throttle("registration");
            looked.Asker.Tell(RateLimited.Error(wait, "too many new guests from your address", guest.Re));
            return;
        }
        GuestLoginAsync(guest, looked.Account).PipeTo(looked.Asker, failure: Unavailable(guest.Re));
    }

    private async Task<object> GuestLoginAsync(AuthenticateGuest guest, Account? account)
    {
        if (account is null)
        {
            account = GuestAccounts.NewAccount(guest.Nick, UtcClock.Now());
            if (!await _store.CreateAccountAsync(account))
                return Error(ErrorCodes.NameTaken, $"the name \"{guest.Nick}\" is taken", guest.Re);
        }
        else if (!GuestAccounts.IsGuest(account))
            return Error(ErrorCodes.NameTaken, $"the name \"{guest.Nick}\" belongs to an account; log in to it", guest.Re);
        else if (AccountStanding.LoginRefusal(account, UtcClock.Now()) is { } refused)
            return Error(refused.Code, refused.Message, guest.Re);
        else if (GuestAccounts.NewAccount(guest.Nick, account.Created).Nickname is var nickname && nickname != account.Nickname
                 && await _store.SetNicknameAsync(account.Username, nickname))
            // The guest renamed itself last time: the nick it comes back with is its name again.
            account = account with { Nickname = nickname };
        ChatMetrics.Login("guest", "ok");
        return new AccountAuthenticated(account, guest.Re);
    }

    /// <param name="expires">When the login this token continues ends; a password login starts a new one.</param>
    private async Task<string> IssueResumeTokenAsync(string username, DateTime? expires = null)
    {
        var token = ResumeTokens.NewToken();
        var now = UtcClock.Now();
        await _store.StoreResumeTokenAsync(ResumeTokens.Hash(token), username, now, expires ?? now + _limits.ResumeTokenLifetime);
        return token;
    }

    /// <summary>Off the actor's thread; how many run at once is the hash queue's business.</summary>
    private static Task<T> HashAsync<T>(Func<T> work) => Task.Run(work);

    private static ErrorReply BadCredentials(RequestId? re) =>
        Error(ErrorCodes.BadCredentials, "wrong username or password", re);

    private static ErrorReply NameTaken(string username, RequestId? re) =>
        Error(ErrorCodes.NameTaken, $"the username \"{username}\" is taken", re);

    private static ErrorReply Error(string code, string message, RequestId? re) => new(code, message) { Re = re };

    private Func<Exception, object> Unavailable(RequestId? re) => reason =>
    {
        _log.Error(reason, "account request failed");
        return Error(ErrorCodes.Unavailable, "the account store is unavailable; try again", re);
    };
}
