namespace Chat.Tui.Session;

/// <summary>The host answered, but not with a welcome (another protocol version, say): trying again will not help.</summary>
internal sealed class HostRefusedException(string message) : IOException(message);
