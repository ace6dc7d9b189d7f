using Chat.Actors.Protocol;
using Chat.Actors.Storage;

namespace Chat.Actors.Accounts;

// Commands to the AuthActor. It answers the sender with a ServerFrame (ok / error) or, on a
// successful login, with AccountAuthenticated.

public sealed record RegisterAccount(string User, string Password, RequestId? Re)
{
    public override string ToString() => $"RegisterAccount {{ User = {User}, Password = *** }}";
}

public sealed record AuthenticateAccount(string User, string Password, RequestId? Re)
{
    public override string ToString() => $"AuthenticateAccount {{ User = {User}, Password = *** }}";
}

public sealed record AccountAuthenticated(Account Account, RequestId? Re);
