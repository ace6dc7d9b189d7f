using System.Text;
using Chat.Protocol;

namespace Chat.Specs.Protocol;

/// <summary>Text goes out as UTF-8, escaping only what JSON requires; duplicate keys are refused.</summary>
public class MinimalJsonEscapingSpecs
{
    private static string Encode(ServerFrame frame) => Encoding.UTF8.GetString(FrameCodec.Server.Encode(frame));

    private static Decoded<ClientFrame> Decode(string json) => FrameCodec.Client.Decode(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("😀👍🏽", "😀👍🏽")]
    [InlineData("日本語 + <b>&'", "日本語 + <b>&'")]
    [InlineData("say \"hi\" \\o/", "say \\\"hi\\\" \\\\o/")]
    [InlineData("two\nlines\tand a tab", "two\\nlines\\tand a tab")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData("\u2028\u202E", "\u2028\u202E")]
    public void Only_quotes_backslashes_and_controls_are_escaped(string text, string onTheWire)
    {
        var line = Encode(new Bye("x", text));

        Assert.Equal($"{{\"type\":\"bye\",\"code\":\"x\",\"message\":\"{onTheWire}\"}}\n", line);
        Assert.Equal(text, Assert.IsType<Bye>(FrameCodec.Server.Decode(Encoding.UTF8.GetBytes(line)).Frame).Message);
    }

    [Fact]
    public void An_emoji_costs_its_four_utf8_bytes_not_twelve()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 2000));

        var bytes = FrameCodec.Server.Encode(new Bye("x", emoji)).Length - FrameCodec.Server.Encode(new Bye("x", "")).Length;

        Assert.Equal(8000, bytes);
    }

    [Fact]
    public void A_lone_surrogate_goes_out_as_the_replacement_character()
    {
        var line = Encode(new Bye("x", "a\uD83Db"));

        Assert.Contains("a\uFFFDb", line);
    }

    [Fact]
    public void Client_frames_go_out_the_same_way()
    {
        var line = Encoding.UTF8.GetString(FrameCodec.Client.Encode(new Say("lobby", "😀")));

        Assert.Contains("\"text\":\"😀\"", line);
    }

    [Theory]
    [InlineData("""{"type":"dm","to":"alice","to":"bob","text":"x"}""")]
    [InlineData("""{"type":"dm","to":"alice","text":"x","text":"y"}""")]
    [InlineData("""{"type":"say","type":"dm","room":"lobby","to":"bob","text":"x"}""")]
    [InlineData("""{"type":"ping","id":1,"id":2}""")]
    public void A_frame_naming_a_field_twice_is_bad_frame(string json)
    {
        var decoded = Decode(json);

        Assert.Null(decoded.Frame);
        Assert.Equal(ErrorCodes.BadFrame, decoded.ErrorCode);
        Assert.Contains("twice", decoded.ErrorMessage);
    }
}
