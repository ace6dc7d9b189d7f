using System.Text;
using Chat.Protocol;

namespace Chat.Specs.Protocol;

public class FrameCodecSpecs
{
    private static Decoded<ClientFrame> Decode(string json) => FrameCodec.Client.Decode(Encoding.UTF8.GetBytes(json));

    private static string Encode(ServerFrame frame) => Encoding.UTF8.GetString(FrameCodec.Server.Encode(frame));

    [Fact]
    public void Decodes_every_request_type_of_the_contract()
    {
        Assert.Equal(new Hello(1, "nc"), Decode("""{"type":"hello","protocol":1,"client":"nc"}""").Frame);
        Assert.Equal(new Register("alice", "secret12"), Decode("""{"type":"register","user":"alice","password":"secret12"}""").Frame);
        Assert.Equal(new Login("alice", "secret12"), Decode("""{"type":"login","user":"alice","password":"secret12"}""").Frame);
        Assert.Equal(new ChangeNick("Al"), Decode("""{"type":"nick","nick":"Al"}""").Frame);
        Assert.Equal(new Say("lobby", "hi"), Decode("""{"type":"say","room":"lobby","text":"hi"}""").Frame);
        Assert.Equal(new SendDirect("bob", "psst"), Decode("""{"type":"dm","to":"bob","text":"psst"}""").Frame);
        Assert.Equal(new Who("lobby"), Decode("""{"type":"who","room":"lobby"}""").Frame);
        Assert.Equal(new Who(), Decode("""{"type":"who"}""").Frame);
        Assert.Equal(new Logout(), Decode("""{"type":"logout"}""").Frame);
        Assert.Equal(new Ping(), Decode("""{"type":"ping"}""").Frame);
    }

    [Fact]
    public void The_type_may_come_after_other_fields()
    {
        Assert.Equal(new Say("lobby", "hi"), Decode("""{"room":"lobby","text":"hi","type":"say"}""").Frame);
    }

    [Theory]
    [InlineData("""{"type":"ping","id":7}""", "7", false)]
    [InlineData("""{"type":"ping","id":"a-1"}""", "a-1", true)]
    public void Request_ids_keep_their_json_type_in_the_echo(string json, string value, bool isString)
    {
        var id = Decode(json).Frame!.Id!.Value;
        Assert.Equal((value, isString), (id.Value, id.IsString));

        var echoed = Encode(new Pong { Re = id });
        Assert.Contains(isString ? $"\"re\":\"{value}\"" : $"\"re\":{value}", echoed);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"hello\"")]
    [InlineData("""{"type":"say","room":"lobby"}""")]
    [InlineData("""{"type":"say","room":"lobby","text":5}""")]
    [InlineData("""{"type":"say","room":null,"text":"x"}""")]
    [InlineData("""{"type":"hello","protocol":"1"}""")]
    [InlineData("""{"type":"hello","protocol":99999999999999999999}""")]
    [InlineData("""{"type":"ping","id":{"a":1}}""")]
    [InlineData("""{"type":"ping"} {"type":"ping"}""")]
    [InlineData("""{"text":"no type"}""")]
    [InlineData("""{"type":"say","room":"lobby","text":"x","extra":[[[[[[[[[[1]]]]]]]]]]}""")]
    public void Malformed_frames_are_bad_frame(string json)
    {
        Assert.Equal(ErrorCodes.BadFrame, Decode(json).ErrorCode);
    }

    [Fact]
    public void Truncated_utf8_is_a_bad_frame()
    {
        byte[] line = [.. """{"type":"say","room":"lobby","text":"""u8, (byte)'"', 0xC3, (byte)'"', (byte)'}'];

        Assert.Equal(ErrorCodes.BadFrame, FrameCodec.Client.Decode(line).ErrorCode);
    }

    [Fact]
    public void An_unknown_type_is_unknown_type_and_keeps_the_id()
    {
        var decoded = Decode("""{"type":"teleport","id":3}""");

        Assert.Equal(ErrorCodes.UnknownType, decoded.ErrorCode);
        Assert.Equal("3", decoded.Id!.Value.Value);
    }

    [Fact]
    public void A_bad_frame_still_echoes_its_id()
    {
        Assert.Equal("9", Decode("""{"type":"say","id":9}""").Id!.Value.Value);
    }

    [Fact]
    public void Blank_lines_are_neither_frames_nor_errors()
    {
        Assert.True(Decode("   ").IsBlank);
    }

    [Fact]
    public void Server_frames_are_one_line_with_the_type_first_and_readable_utf8()
    {
        var ts = new DateTime(2026, 11, 24, 6, 39, 58, 123, DateTimeKind.Utc);
        var line = Encode(new ChatMessage("lobby", "alice", "Ål", "héllo\nthere <b>", 42, ts));

        Assert.Equal("""{"type":"message","room":"lobby","user":"alice","nick":"Ål","text":"héllo\nthere <b>","seq":42,"ts":"2026-11-24T06:39:58.123Z"}""" + "\n", line);
    }

    [Fact]
    public void Emoji_survive_the_round_trip()
    {
        var frame = new NickChanged("alice", "alice", "Al🐱");

        var bytes = FrameCodec.Server.Encode(frame);

        Assert.Equal(frame, FrameCodec.Server.Decode(bytes.AsSpan(0, bytes.Length - 1)).Frame);
    }

    [Fact]
    public void Optional_reply_fields_are_left_out_when_empty()
    {
        Assert.Equal("""{"type":"ok"}""" + "\n", Encode(new Ok()));
        Assert.Equal("""{"type":"error","code":"bad_frame","message":"no"}""" + "\n", Encode(new ErrorReply("bad_frame", "no")));
    }

    [Fact]
    public void The_client_reads_what_the_host_writes()
    {
        var frame = new Roster("lobby", [new Member("alice", "Al"), new Member("bob", "bob")]) { Re = RequestId.FromNumber(4) };

        var decoded = FrameCodec.Server.Decode(FrameCodec.Server.Encode(frame).AsSpan(0, Encode(frame).Length - 1));

        var roster = Assert.IsType<Roster>(decoded.Frame);
        Assert.Equal(frame.Users, roster.Users);
        Assert.Equal(frame.Re, roster.Re);
    }

    [Fact]
    public void Passwords_do_not_show_in_printed_frames()
    {
        Assert.DoesNotContain("secret12", new Login("alice", "secret12").ToString());
        Assert.DoesNotContain("secret12", new Register("alice", "secret12").ToString());
    }
}
