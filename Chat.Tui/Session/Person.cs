namespace Chat.Tui.Session;

/// <summary>Someone online: their account, the nickname they go by, and why they are away (null while not away).</summary>
public sealed record Person(string User, string Nick, string? Away = null)
{
    public bool IsAway => Away is not null;

    /// <summary>Not online: the other person of a DM, shown in the people panel all the same.</summary>
    public bool Offline { get; init; }

    /// <summary>"owner" or "operator" of the room the list is of (a host operator is an operator everywhere); null for others.</summary>
    public string? Role { get; init; }

    /// <summary>Where the person's role puts them in the panel: owners, then operators, then everyone else.</summary>
    public int Rank => Role switch { "owner" => 0, "operator" => 1, _ => 2 };

    public bool Is(string user) => string.Equals(User, user, StringComparison.OrdinalIgnoreCase);
}
