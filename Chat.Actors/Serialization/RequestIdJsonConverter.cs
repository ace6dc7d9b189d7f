using Chat.Protocol;
using Newtonsoft.Json;

namespace Chat.Actors.Serialization;

/// <summary>
/// Lets Akka's JSON serializer (Newtonsoft) carry a <see cref="RequestId"/> between nodes: the
/// id keeps the JSON token the client sent (a string or a number's text), which Newtonsoft
/// cannot rebuild on its own (the struct has no public constructor). Written as the protocol
/// writes it, read back the same way.
/// </summary>
public sealed class RequestIdJsonConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => objectType == typeof(RequestId) || objectType == typeof(RequestId?);

    // The id as its JSON token: "\"abc\"" for a string, "12" for a number.
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        writer.WriteValue(value?.ToString());

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        reader.Value switch
        {
            string token => System.Text.Json.JsonSerializer.Deserialize<RequestId>(token),
            null when objectType == typeof(RequestId?) => null,
            _ => throw new JsonSerializationException("a request id is written as its JSON token"),
        };
}

/// <summary>The Akka configuration the chat's messages need from any actor system that carries them.</summary>
public static class ChatSerialization
{
    /// <summary>
    /// Akka's default serializer (Newtonsoft JSON), with what our messages need of it. Chosen,
    /// and measured, in docs/architecture.md ("Messages between nodes").
    /// </summary>
    public const string Hocon = """
        akka.actor.serialization-settings.json.converters = ["Chat.Actors.Serialization.RequestIdJsonConverter, Chat.Actors"]
        """;
}
