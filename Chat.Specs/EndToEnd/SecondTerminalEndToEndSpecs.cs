using System.Text;
using Chat.Protocol;
using Chat.Specs.Support;

namespace Chat.Specs.EndToEnd;

/// <summary>
/// A user's second terminal while the first is held behind the allowance (a pasted block the host
/// paces, at the shipped flood limits): the second is let in, not refused, and answered; its own
/// chat line shares the user's allowance, so it may have to wait, and goes once it has. What the
/// second terminal spends of the user's allowance may make the first's held lines wait longer at
/// the user's gate, never refused: the user's gate holds chat lines as the connection's does.
/// </summary>
public sealed class SecondTerminalEndToEndSpecs
{
    // hello and login took 2 of the burst of 10: 8 go at once, and the held queue (20) takes the rest.
    private const int Pasted = 28;

    [Fact]
    public async Task A_second_terminal_logs_in_and_is_answered_while_the_first_one_is_held_behind_its_allowance()
    {
        await using var host = await TestHost.StartAsync(shippedFloodLimits: true);
        await using (var registrar = await host.ConnectAsync())
        {
            await registrar.HelloAsync();
            Assert.IsType<Ok>(await registrar.RequestAsync(new Register("alice", "password1")));
        }
        await using var first = await RawClient.LoggedInAsync(host, "alice", "password1");
        // The burst (10) goes at once, the other 20 are held and go at 2 a second.
        await first.SendBytesAsync(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, Pasted).Select(i =>
            $$"""{"type":"say","room":"lobby","text":"pasted {{i}}","id":"p{{i}}"}""" + "\n"))));
        var replies = new List<Reply> { await first.ExpectReplyAsync(RequestId.FromString("p0")) };

        await using var second = await RawClient.LoggedInAsync(host, "alice", "password1");

        Assert.IsType<Pong>(await second.RequestAsync(new Ping()));
        Assert.IsType<Roster>(await second.RequestAsync(new Who()));
        Assert.IsType<HistoryPage>(await second.RequestAsync(new HistoryRequest(Room: RoomNames.Lobby, Limit: 5)));
        Assert.IsType<WhoisInfo>(await second.RequestAsync(new Whois("alice")));
        Assert.IsType<Ok>(await second.RequestAsync(new Say(RoomNames.Lobby, "from the second terminal")));
        for (var i = 1; i < Pasted; i++)
            replies.Add(await first.ExpectReplyAsync(RequestId.FromString($"p{i}")));
        // Every pasted line was said. The user's allowance is shared by the terminals (a second
        // one buys no more lines), so the lines the second terminal's took the place of wait for
        // the user's gate: held, not refused (they were refused with a hint before the user's
        // gate held chat lines). Neither terminal is closed.
        Assert.All(replies, reply => Assert.IsType<Ok>(reply));
        Assert.Null(first.TryTake<Bye>());
        Assert.Null(second.TryTake<Bye>());
    }
}
