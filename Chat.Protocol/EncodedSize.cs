using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Chat.Protocol;

/// <summary>
/// How many bytes a frame, or one entry of a list frame, takes on the wire: what the host measures
/// to stop a page or a list before it outgrows what a connection may hold.
/// </summary>
public static class EncodedSize
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    /// <summary>A whole frame, its line terminator included.</summary>
    public static int Of(ServerFrame frame)
    {
        var scratch = Scratch();
        FrameCodec.Server.Encode(frame, scratch);
        return scratch.WrittenCount;
    }

    /// <summary>A text as a JSON string value, quotes and escapes included: what it adds to a frame a client sends.</summary>
    public static int OfText(string text)
    {
        var scratch = Scratch();
        using (var writer = new Utf8JsonWriter(scratch, new JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder, SkipValidation = true }))
            writer.WriteStringValue(text);
        return scratch.WrittenCount;
    }

    /// <summary>One entry of a roster.</summary>
    public static int Of(Member member) => Of(member, ProtocolJson.Context.Member);

    /// <summary>One entry of a room list.</summary>
    public static int Of(RoomInfo room) => Of(room, ProtocolJson.Context.RoomInfo);

    /// <summary>One entry of the unread counts.</summary>
    public static int Of(UnreadConversation conversation) => Of(conversation, ProtocolJson.Context.UnreadConversation);

    /// <summary>One entry of the conversation list.</summary>
    public static int Of(OpenConversation conversation) => Of(conversation, ProtocolJson.Context.OpenConversation);

    // Plus one for the comma that separates it from the next entry.
    private static int Of<T>(T value, JsonTypeInfo<T> info)
    {
        var scratch = Scratch();
        using (var writer = new Utf8JsonWriter(scratch, new JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder, SkipValidation = true }))
            JsonSerializer.Serialize(writer, value, info);
        return scratch.WrittenCount + 1;
    }

    private static ArrayBufferWriter<byte> Scratch()
    {
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(4096);
        scratch.ResetWrittenCount();
        return scratch;
    }
}
