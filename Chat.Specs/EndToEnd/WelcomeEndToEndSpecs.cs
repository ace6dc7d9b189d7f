using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>The welcome tells a client the host's limits, so it can refuse a line before sending it.</summary>
public sealed class WelcomeEndToEndSpecs
{
    [Fact]
    public async Task The_welcome_carries_the_configured_text_and_line_limits()
    {
        await using var host = await TestHost.StartAsync(extraConfig: """
            chat.messages.max-text-chars = 3000
            chat.protocol.max-line-bytes = 20000
            """);
        await using var client = await host.ConnectAsync();

        var welcome = await client.HelloAsync();

        Assert.Equal(3000, welcome.MaxTextChars);
        Assert.Equal(20000, welcome.MaxLineBytes);
    }
}
