using Akka.Actor;
using Akka.Event;
using Chat.Actors.Protocol;
using Chat.Actors.Storage;

namespace Chat.Actors.Accounts;

/// <summary>
/// Registration and login. Hashing is slow by design, so it runs as a task (at most a few at
/// once, so logins cannot starve the actors of threads) and the result is piped to the asker.
/// An unknown user costs the same hash as a wrong password: the reply and its timing do not
/// tell whether a username exists.
/// </summary>
public sealed class AuthActor : ReceiveActor
{
    private readonly IChatStore _store;
    private readonly PasswordHasher _hasher;
    private readonly SemaphoreSlim _hashing;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public AuthActor(IChatStore store, ChatSettings settings)
    {
        _store = store;
        _hasher = new PasswordHasher(settings.PasswordIterations);
        _hashing = new SemaphoreSlim(settings.MaxConcurrentHashes);

        Receive<RegisterAccount>(register => RegisterAsync(register).PipeTo(Sender, failure: Unavailable(register.Re)));
        Receive<AuthenticateAccount>(login => AuthenticateAsync(login).PipeTo(Sender, failure: Unavailable(login.Re)));
    }

    public static Props Props(IChatStore store, ChatSettings settings) =>
        Akka.Actor.Props.Create(() => new AuthActor(store, settings));

    protected override void PostStop() => _hashing.Dispose();

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
        return new AccountAuthenticated(account, login.Re);
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
