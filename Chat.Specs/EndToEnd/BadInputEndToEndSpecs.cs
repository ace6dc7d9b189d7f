using System.Text;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>Malformed input gets a clear error, keeps the connection when it can, and touches nobody else.</summary>
public sealed class BadInputEndToEndSpecs() : EndToEndSpec("chat.protocol.max-line-bytes = 1024", "alice", "bob")
{

    [Fact]
    public async Task Every_kind_of_bad_frame_gets_its_error_code_and_the_connection_stays_usable()
    {
        await using var client = await Host.ConnectAsync();
        await client.HelloAsync();

        await client.SendLineAsync("this is not json");
        Assert.Equal(ErrorCodes.BadFrame, (await client.ExpectAsync<ErrorReply>()).Code);

        await client.SendLineAsync("""{"type":"say","id":5}""");
        var missingFields = await client.ExpectAsync<ErrorReply>();
        Assert.Equal((ErrorCodes.BadFrame, RequestId.FromNumber(5)), (missingFields.Code, missingFields.Re));

        await client.SendLineAsync("""{"type":"teleport","id":"x"}""");
        var unknown = await client.ExpectAsync<ErrorReply>();
        Assert.Equal((ErrorCodes.UnknownType, RequestId.FromString("x")), (unknown.Code, unknown.Re));

        await client.SendLineAsync("""{"type":"say","room":"lobby","text":"x"}""" + new string(' ', 2000));
        Assert.Equal(ErrorCodes.FrameTooLong, (await client.ExpectAsync<ErrorReply>()).Code);

        await client.SendBytesAsync([.. "{\"type\":\"ping\",\"x\":\""u8, 0xFF, 0xC3, .. "\"}\n"u8]);
        Assert.Equal(ErrorCodes.BadFrame, (await client.ExpectAsync<ErrorReply>()).Code);

        await client.SendLineAsync("");
        Assert.IsType<Pong>(await client.RequestAsync(new Ping()));
    }

    [Fact]
    public async Task An_over_long_line_in_pieces_is_refused_once_and_what_follows_is_read()
    {
        await using var client = await Host.ConnectAsync();
        await client.HelloAsync();

        for (var i = 0; i < 10; i++)
            await client.SendBytesAsync(Encoding.UTF8.GetBytes(new string('x', 500)));
        await client.SendLineAsync("tail of the long line");

        Assert.Equal(ErrorCodes.FrameTooLong, (await client.ExpectAsync<ErrorReply>()).Code);
        Assert.IsType<Pong>(await client.RequestAsync(new Ping()));
        await client.AssertNoneAsync<ErrorReply>();
    }

    [Fact]
    public async Task A_client_vanishing_mid_frame_affects_nobody_else()
    {
        await using var alice = await LogInAsync("alice");
        var bob = await LogInAsync("bob");
        await alice.ExpectAsync<Joined>(j => j.User == "bob");

        await bob.SendBytesAsync("{\"type\":\"say\",\"room\":\"lob"u8.ToArray());
        await bob.DisposeAsync();

        await alice.ExpectAsync<Left>(l => l.User == "bob");
        await alice.RequestAsync(new Say("lobby", "anyone?"));
        Assert.Equal("anyone?", (await alice.ExpectAsync<ChatMessage>()).Text);
        await alice.AssertNoneAsync<ChatMessage>(m => m.User == "bob");
    }

    [Fact]
    public async Task Garbage_from_one_client_is_not_seen_by_another()
    {
        await using var alice = await LogInAsync("alice");
        await using var bob = await LogInAsync("bob");

        await bob.SendBytesAsync([0, 1, 2, 255, 254, (byte)'\n', (byte)'{', (byte)'\n']);
        await bob.ExpectAsync<ErrorReply>();

        await alice.AssertNoneAsync<ErrorReply>();
    }
}
