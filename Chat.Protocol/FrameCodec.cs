using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization.Metadata;

namespace Chat.Protocol;

/// <summary>The outcome of decoding one line: a frame, nothing (blank line), or a protocol error.</summary>
public readonly record struct Decoded<TFrame>(TFrame? Frame, string? ErrorCode, string? ErrorMessage, RequestId? Id)
    where TFrame : class
{
    public bool IsBlank => Frame is null && ErrorCode is null;
}

/// <summary>
/// Turns lines into frames and frames into lines for one direction of the wire. The set of
/// frame types is the polymorphism table declared on <typeparamref name="TFrame"/>.
/// </summary>
public sealed class FrameCodec<TFrame> where TFrame : class
{
    private static readonly byte[] TypeProperty = "type"u8.ToArray();
    private static readonly byte[] IdProperty = "id"u8.ToArray();

    private readonly JsonTypeInfo<TFrame> _baseInfo;
    private readonly FrozenDictionary<string, JsonTypeInfo> _byType;
    private readonly JsonReaderOptions _readerOptions = new() { MaxDepth = ProtocolJson.MaxDepth };

    internal FrameCodec(JsonTypeInfo<TFrame> baseInfo)
    {
        _baseInfo = baseInfo;
        var derived = baseInfo.PolymorphismOptions?.DerivedTypes
            ?? throw new InvalidOperationException($"{typeof(TFrame).Name} declares no frame types");
        _byType = derived.ToFrozenDictionary(
            d => (string)d.TypeDiscriminator!,
            d => baseInfo.Options.GetTypeInfo(d.DerivedType));
    }

    public IEnumerable<string> FrameTypes => _byType.Keys;

    public Decoded<TFrame> Decode(ReadOnlySequence<byte> line)
    {
        if (IsBlank(line))
            return default;
        // The JSON reader checks UTF-8 only in strings it decodes; a skipped field could carry anything.
        if (!IsValidUtf8(line))
            return Error(ErrorCodes.BadFrame, "not valid UTF-8", null);

        string? type;
        RequestId? id;
        bool repeated;
        try
        {
            (type, id, repeated) = ScanEnvelope(line);
        }
        catch (JsonException)
        {
            return Error(ErrorCodes.BadFrame, "not a JSON object", null);
        }
        catch (InvalidOperationException)
        {
            return Error(ErrorCodes.BadFrame, "not a JSON object", null);
        }

        if (repeated)
            return Error(ErrorCodes.BadFrame, "\"type\" or \"id\" given twice", null);
        if (type is null)
            return Error(ErrorCodes.BadFrame, "missing \"type\"", id);
        if (!_byType.TryGetValue(type, out var info))
            return Error(ErrorCodes.UnknownType, $"unknown frame type \"{Truncate(type)}\"", id);

        try
        {
            var reader = new Utf8JsonReader(line, _readerOptions);
            var frame = (TFrame?)JsonSerializer.Deserialize(ref reader, info);
            return frame is null
                ? Error(ErrorCodes.BadFrame, "empty frame", id)
                : new Decoded<TFrame>(frame, null, null, id);
        }
        catch (JsonException e)
        {
            return Error(ErrorCodes.BadFrame, IsDuplicateKey(e) ? $"\"{type}\" frame names a field twice" : Describe(type, e), id);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            return Error(ErrorCodes.BadFrame, $"\"{type}\" frame has a field of the wrong type", id);
        }
    }

    public Decoded<TFrame> Decode(ReadOnlySpan<byte> line) => Decode(new ReadOnlySequence<byte>(line.ToArray()));

    /// <summary>Writes the frame as one JSON line, terminator included.</summary>
    public void Encode(TFrame frame, IBufferWriter<byte> output)
    {
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder, SkipValidation = true }))
            JsonSerializer.Serialize(writer, frame, _baseInfo);
        output.Write("\n"u8);
    }

    /// <summary>One frame as bytes, terminator included: serialised once, written to every recipient.</summary>
    public byte[] Encode(TFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(frame, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads only the top level of the object: its "type" and "id" (and whether either came twice), skipping everything else.</summary>
    private (string? Type, RequestId? Id, bool Repeated) ScanEnvelope(ReadOnlySequence<byte> line)
    {
        var reader = new Utf8JsonReader(line, _readerOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("not an object");

        string? type = null;
        RequestId? id = null;
        bool sawType = false, sawId = false, repeated = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(TypeProperty))
            {
                repeated |= sawType;
                sawType = true;
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals(IdProperty))
            {
                repeated |= sawId;
                sawId = true;
                reader.Read();
                try
                {
                    id = RequestId.Read(ref reader);
                }
                catch (JsonException)
                {
                    // A bad id is reported by the full decode; the envelope just has none to echo.
                }
            }
            else
            {
                reader.Read();
            }
            reader.Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            throw new JsonException("trailing data");
        return (type, id, repeated);
    }

    private static bool IsBlank(in ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
            foreach (var b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                    return false;
        return true;
    }

    private static bool IsValidUtf8(in ReadOnlySequence<byte> line) =>
        line.IsSingleSegment ? Utf8.IsValid(line.FirstSpan) : Utf8.IsValid(line.ToArray());

    private static Decoded<TFrame> Error(string code, string message, RequestId? id) => new(null, code, message, id);

    private static string Describe(string type, JsonException e)
    {
        // STJ names the offending JSON path ("$.text"); that is what a client author needs.
        var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
        return $"\"{type}\" frame is missing a field or has one of the wrong type{where}";
    }

    // The serializer's only signal for AllowDuplicateProperties = false is its message.
    private static bool IsDuplicateKey(JsonException e) => e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase);

    private static string Truncate(string s) => s.Length <= 32 ? s : s[..32] + "…";
}

/// <summary>The two directions of the wire.</summary>
public static class FrameCodec
{
    /// <summary>What clients send and the host reads.</summary>
    public static readonly FrameCodec<ClientFrame> Client = new(ProtocolJson.Context.ClientFrame);

    /// <summary>What the host sends and clients read.</summary>
    public static readonly FrameCodec<ServerFrame> Server = new(ProtocolJson.Context.ServerFrame);

    public const int ProtocolVersion = 1;
}
