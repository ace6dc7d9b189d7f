using System.Text;
using Chat.Protocol;
using CsCheck;

namespace Chat.Specs.Protocol;

/// <summary>Generators of what arrives on a socket: random bytes, and JSON that is nearly, or exactly, a frame.</summary>
public static class WireGenerators
{
    private static readonly string[] FieldNames = ["type", "id", "user", "password", "room", "text", "to", "nick", "protocol", "client", "token", "x"];

    /// <summary>Bytes biased towards line ends, carriage returns and broken UTF-8 lead bytes.</summary>
    public static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (6, Gen.Byte),
        (2, Gen.Const((byte)'\n')),
        (1, Gen.Const((byte)'\r')),
        (1, Gen.OneOf(Gen.Const((byte)0xC3), Gen.Const((byte)0xE2), Gen.Const((byte)0xF0), Gen.Const((byte)0xFF)))).Array[0, 400];

    public static readonly Gen<string> FrameType = Gen.OneOf(
        Gen.OneOf(FrameCodec.Client.FrameTypes.Select(Gen.Const).ToArray()),
        Gen.OneOf(Gen.Const("teleport"), Gen.Const(""), Gen.Const("PING")));

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.Const("\"lobby\""), Gen.Const("\"alice\""), Gen.Const("\"password1\""), Gen.Const("\"\""), Gen.Const("\"\\u0000\\ud800\""),
        Gen.Const("1"), Gen.Const("-0"), Gen.Const("1e400"), Gen.Const("99999999999999999999999999"), Gen.Const("3.5"),
        Gen.Const("true"), Gen.Const("null"), Gen.Const("\"" + new string('w', 70) + "\""),
        Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A JSON value up to the given depth; deep enough ones pass the protocol's nesting limit.</summary>
    public static Gen<string> Value(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, Value(depth - 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Object(depth - 1)));

    public static Gen<string> Object(int depth) =>
        Gen.Select(Gen.OneOf(FieldNames.Select(Gen.Const).ToArray()), Value(depth)).Array[0, 5]
            .Select(fields => "{" + string.Join(",", fields.Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}");

    /// <summary>An object with a frame type and random fields: the right ones, wrong types, extras, huge numbers.</summary>
    public static readonly Gen<string> NearFrame = Gen.Select(FrameType, Object(2), (type, rest) =>
        rest == "{}" ? $"{{\"type\":\"{type}\"}}" : $"{{\"type\":\"{type}\"," + rest[1..]);

    public static readonly Gen<string> DeepNesting = Gen.Int[ProtocolJson.MaxDepth + 1, 2000].Select(depth =>
        "{\"type\":\"say\",\"room\":" + new StringBuilder().Insert(0, "[", depth).Append(new StringBuilder().Insert(0, "]", depth)) + "}");

    /// <summary>Where to cut a stream into chunks: sorted distinct offsets within its length.</summary>
    public static Gen<int[]> Cuts(int length) =>
        Gen.Int[0, Math.Max(0, length)].Array[0, 12].Select(cuts => cuts.Distinct().Order().ToArray());
}
