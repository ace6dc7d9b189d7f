namespace Chat.Tui.Session;

/// <summary>A link became logged in: who the host says I am, and whether it is a new login or a reconnect.</summary>
/// <param name="Motd">The host's message of the day from its welcome; null when it has none.</param>
/// <param name="MaxTextChars">The longest message text the host takes, from its welcome; null when it did not say.</param>
/// <param name="MaxLineBytes">The longest line the host reads, from its welcome; null when it did not say.</param>
/// <param name="Resumed">The host took the resume token of the last login (on whichever node), rather than the password.</param>
public sealed record LoggedIn(string User, string Nick, bool Reconnected, string? Motd, int? MaxTextChars, int? MaxLineBytes, bool Resumed = false);
