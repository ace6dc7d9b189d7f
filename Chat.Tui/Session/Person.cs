namespace Chat.Tui.Session;

/// <summary>Someone online: their account and the nickname they go by.</summary>
public sealed record Person(string User, string Nick)
{
    public bool Is(string user) => string.Equals(User, user, StringComparison.OrdinalIgnoreCase);
}
