namespace Chat.Tui.Session;

public enum ConnectionStatus
{
    /// <summary>Not connected and not trying: before the first login, after a quit, or after giving up.</summary>
    Disconnected,
    Connecting,
    Connected,
    /// <summary>The link dropped; retrying with back-off and logging in again with the remembered credentials.</summary>
    Reconnecting,
}
