namespace Chat.Tui.Session;

/// <summary>Someone online: their account, the nickname they go by, and why they are away (null while not away).</summary>
public sealed record Person(string User, string Nick, string? Away = null)
{
    public bool IsAway => Away is not null;

    /// <summary>Not online: the other person of a DM, shown in the people panel all the same.</summary>
    public bool Offline { get; init; }

    public bool Is(string user) => string.Equals(User, user, StringComparison.OrdinalIgnoreCase);
}
