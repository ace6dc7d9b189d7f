using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chat.Protocol;

/// <summary>
/// The "id" a client puts on a request, echoed back verbatim as "re". Clients pick numbers or
/// strings; we keep the JSON token as it came so the echo has the same JSON type.
/// </summary>
[JsonConverter(typeof(RequestIdConverter))]
public readonly record struct RequestId
{
    public const int MaxLength = 64;

    private RequestId(string value, bool isString)
    {
        Value = value;
        IsString = isString;
    }

    /// <summary>The string's text, or the number's JSON text.</summary>
    public string Value { get; }

    public bool IsString { get; }

    public static RequestId FromString(string value) => new(value, isString: true);

    public static RequestId FromNumber(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), isString: false);

    internal static RequestId FromJsonNumber(string jsonText) => new(jsonText, isString: false);

    public override string ToString() => IsString ? JsonSerializer.Serialize(Value, ProtocolJson.Context.String) : Value;

    /// <summary>Reads an id token; anything but a short string or number is a bad frame.</summary>
    internal static RequestId Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = reader.GetString()!;
                if (text.Length > MaxLength)
                    throw new JsonException($"id longer than {MaxLength} characters");
                return FromString(text);
            case JsonTokenType.Number:
                var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                if (raw.Length > MaxLength)
                    throw new JsonException($"id longer than {MaxLength} characters");
                return FromJsonNumber(Encoding.UTF8.GetString(raw));
            default:
                throw new JsonException("id must be a string or a number");
        }
    }
}

internal sealed class RequestIdConverter : JsonConverter<RequestId>
{
    public override RequestId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        RequestId.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, RequestId value, JsonSerializerOptions options)
    {
        if (value.IsString)
            writer.WriteStringValue(value.Value);
        else
            writer.WriteRawValue(value.Value, skipInputValidation: true);
    }
}
