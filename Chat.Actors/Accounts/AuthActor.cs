using Chat.Actors.Telemetry;
using Akka.Actor;
using Akka.Event;
using Chat.Protocol;
using Chat.Actors.Storage;

namespace Chat.Actors.Accounts;

/// <summary>
/// Registration and login. Hashing is slow by design, so it runs as a task (at most a few at
/// once, so logins cannot starve the actors of threads) and the result is piped to the asker.
/// An unknown user costs the same hash as a wrong password: the reply and its timing do not
/// tell whether a username exists. Failed logins are throttled per username and per address
/// (<see cref="LoginThrottle"/>), registrations per address; both answer "rate_limited" at once.
/// A successful login issues a resume token, which logs in later without the hash.
/// </summary>
public sealed class AuthActor : ReceiveActor
{
    private readonly IChatStore _store;
    private readonly PasswordHasher _hasher;
    private readonly SemaphoreSlim _hashing;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly LoginLimits _limits;
    private readonly LoginThrottle _failedLogins;
    private readonly AddressRateLimiter _registrations;

    public AuthActor(IChatStore store, ChatSettings settings)
    {
        _store = store;
        _hasher = new PasswordHasher(settings.PasswordIterations);
        _hashing = new SemaphoreSlim(settings.MaxConcurrentHashes);
        _limits = settings.Login;
        _failedLogins = new LoginThrottle(_limits);
        _registrations = new AddressRateLimiter(_limits.RegistrationBurst, _limits.RegistrationsPerHour / 3600, _limits.MaxTrackedKeys);

        Receive<RegisterAccount>(OnRegister);
        Receive<AuthenticateAccount>(OnAuthenticate);
        Receive<LoginAttempted>(OnLoginAttempted);
        Receive<ResumeSession>(resume => ResumeAsync(resume).PipeTo(Sender, failure: Unavailable(resume.Re)));
        Receive<RevokeResumeToken>(revoke =>
            _store.RevokeResumeTokenAsync(ResumeTokens.Hash(revoke.Token)).PipeTo(Self, success: () => TokenRevoked.Instance));
        Receive<TokenRevoked>(_ => { });
        Receive<Status.Failure>(failure => _log.Error(failure.Cause, "revoking a resume token failed"));
    }

    /// <summary>A login's outcome on its way back to the asker, past the throttle's bookkeeping.</summary>
    private sealed record LoginAttempted(object Outcome, IActorRef Asker, string[] ThrottleKeys)
    {
        /// <summary>The username's key: a success clears it; the address keeps its record.</summary>
        public string UserKey => ThrottleKeys[0];
    }

    private sealed record TokenRevoked
    {
        public static readonly TokenRevoked Instance = new();
    }

    public static Props Props(IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new AuthActor(store, settings));

    protected override void PostStop() => _hashing.Dispose();

    private void OnRegister(RegisterAccount register)
    {
        if (register.From is { } from && _registrations.TryTake(from, MonotonicClock.Now()) is var wait && wait > TimeSpan.Zero)
        {
            ChatMetrics.Throttle("registration");
            Sender.Tell(RateLimited.Error(wait, "too many new accounts from your address", register.Re));
        }
        else
            RegisterAsync(register).PipeTo(Sender, failure: Unavailable(register.Re));
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
        var asker = Sender;
        var unavailable = Unavailable(login.Re);
        AuthenticateAsync(login).PipeTo(Self,
            success: outcome => new LoginAttempted(outcome, asker, keys),
            failure: e => new LoginAttempted(unavailable(e), asker, keys));
    }

    private void OnLoginAttempted(LoginAttempted attempt)
    {
        if (attempt.Outcome is ErrorReply { Code: ErrorCodes.BadCredentials })
            _failedLogins.RecordFailure(attempt.ThrottleKeys, MonotonicClock.Now());
        else if (attempt.Outcome is AccountAuthenticated)
            _failedLogins.RecordSuccess(attempt.UserKey);
        ChatMetrics.Login("password", attempt.Outcome is AccountAuthenticated ? "ok" : (attempt.Outcome as ErrorReply)?.Code ?? "failed");
        attempt.Asker.Tell(attempt.Outcome);
    }

    private async Task<object> RegisterAsync(RegisterAccount register)
    {
        if (!AccountRules.TryNormalizeUsername(register.User, out var username))
            return Error(ErrorCodes.BadName, "a username is 3 to 20 of a-z, 0-9, _ and -", register.Re);
        if (AccountRules.CheckPassword(register.Password) is { } weak)
            return Error(ErrorCodes.WeakPassword, weak, register.Re);
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
        return new AccountAuthenticated(account, login.Re) { ResumeToken = await IssueResumeTokenAsync(account.Username) };
    }

    private async Task<object> ResumeAsync(ResumeSession resume)
    {
        var username = await _store.TakeResumeTokenAsync(ResumeTokens.Hash(resume.Token), UtcClock.Now());
        var account = username is null ? null : await _store.FindAccountAsync(username);
        if (account is null)
            return Error(ErrorCodes.InvalidToken, "the resume token is unknown, used or expired; log in with the password", resume.Re);
        return new AccountAuthenticated(account, resume.Re) { ResumeToken = await IssueResumeTokenAsync(account.Username) };
    }

    private async Task<string> IssueResumeTokenAsync(string username)
    {
        var token = ResumeTokens.NewToken();
        var now = UtcClock.Now();
        await _store.StoreResumeTokenAsync(ResumeTokens.Hash(token), username, now, now + _limits.ResumeTokenLifetime);
        return token;
    }

    private async Task<T> HashAsync<T>(Func<T> work)
    {
        await _hashing.WaitAsync();
        try
        {
            return await Task.Run(work);
        }
        finally
        {
            _hashing.Release();
        }
    }

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
