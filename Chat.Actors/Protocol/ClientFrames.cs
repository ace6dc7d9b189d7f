using System.Text;
using System.Text.Json.Serialization;

namespace Chat.Actors.Protocol;

/// <summary>
/// A frame a client sends. The discriminator table below is the single list of request types:
/// the codec reads it to tell "unknown_type" from "bad_frame".
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Hello), "hello")]
[JsonDerivedType(typeof(Register), "register")]
[JsonDerivedType(typeof(Login), "login")]
[JsonDerivedType(typeof(Logout), "logout")]
[JsonDerivedType(typeof(ChangeNick), "nick")]
[JsonDerivedType(typeof(Say), "say")]
[JsonDerivedType(typeof(SendDirect), "dm")]
[JsonDerivedType(typeof(Who), "who")]
[JsonDerivedType(typeof(Ping), "ping")]
public abstract record ClientFrame
{
    /// <summary>Optional; the reply carries it back as "re".</summary>
    public RequestId? Id { get; init; }
}

/// <summary>The first frame of every connection: which protocol version the client speaks.</summary>
public sealed record Hello(int Protocol, string? Client = null) : ClientFrame;

public sealed record Register(string User, string Password) : ClientFrame
{
    // Records print every member; a password must never reach a log.
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("User = ").Append(User).Append(", Password = ***");
        return true;
    }
}

public sealed record Login(string User, string Password) : ClientFrame
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("User = ").Append(User).Append(", Password = ***");
        return true;
    }
}

public sealed record Logout : ClientFrame;

public sealed record ChangeNick(string Nick) : ClientFrame;

public sealed record Say(string Room, string Text) : ClientFrame;

public sealed record SendDirect(string To, string Text) : ClientFrame;

/// <summary>Who is in a room; the lobby when no room is named.</summary>
public sealed record Who(string Room = RoomNames.Lobby) : ClientFrame;

public sealed record Ping : ClientFrame;

public static class RoomNames
{
    public const string Lobby = "lobby";
}
