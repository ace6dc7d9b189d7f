using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chat.Protocol;

[JsonSerializable(typeof(ClientFrame))]
[JsonSerializable(typeof(ServerFrame))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Member))]
[JsonSerializable(typeof(RoomInfo))]
[JsonSerializable(typeof(UnreadConversation))]
[JsonSerializable(typeof(OpenConversation))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;

/// <summary>The one set of JSON options both ends of the wire use.</summary>
public static class ProtocolJson
{
    /// <summary>Nesting deeper than this is refused: no frame of ours needs more than three levels.</summary>
    public const int MaxDepth = 8;

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Text goes out as UTF-8 with only what JSON requires escaped: readable with nc, and a
        // frame is never larger than its text in UTF-8 plus the escapes of quotes and controls.
        Encoder = MinimalJsonEscaping.Instance,
        // {"to":"alice","to":"bob"} means whatever a parser picks: refused as bad_frame.
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = MaxDepth,
        TypeInfoResolver = ProtocolJsonContext.Default,
    };

    internal static readonly ProtocolJsonContext Context = new(new JsonSerializerOptions(Options) { TypeInfoResolver = null });
}
