using Chat.Tui.Session;

namespace Chat.Specs.Tui.Session;

public static class SpokenLines
{
    /// <summary>What people said, without notices such as "beginning of conversation" or local hints.</summary>
    public static List<ChatLine> Spoken(this Conversation conversation) =>
        conversation.Lines.Where(l => l.Kind is LineKind.Message or LineKind.Action).ToList();
}
