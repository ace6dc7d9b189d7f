namespace Chat.Tui.Views;

/// <summary>How the input bar asks the chat panel to scroll while the focus stays in the input.</summary>
public enum ScrollRequest
{
    PageUp,
    PageDown,
    Start,
    End,
}
