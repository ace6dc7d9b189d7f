using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chat.Protocol;

[JsonSerializable(typeof(ClientFrame))]
[JsonSerializable(typeof(ServerFrame))]
[JsonSerializable(typeof(string))]
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
        // Keep text readable on the wire (nc, logs): UTF-8 as is, no \u escapes for non-ASCII.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = MaxDepth,
        TypeInfoResolver = ProtocolJsonContext.Default,
    };

    internal static readonly ProtocolJsonContext Context = new(new JsonSerializerOptions(Options) { TypeInfoResolver = null });
}
