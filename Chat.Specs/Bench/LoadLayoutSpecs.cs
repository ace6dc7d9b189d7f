using System.Net;
using Chat.Bench.Load;

namespace Chat.Specs.Bench;

/// <summary>How the cluster benchmark spreads clients over servers and rooms, and what it then expects delivered.</summary>
public sealed class LoadLayoutSpecs
{
    private static readonly IPEndPoint First = IPEndPoint.Parse("127.0.0.1:7701");
    private static readonly IPEndPoint Second = IPEndPoint.Parse("127.0.0.1:7702");

    [Fact]
    public void Every_room_has_members_on_every_server_and_the_first_senders_speak_in_different_rooms()
    {
        var layout = new LoadLayout([First, Second], Rooms: 4, Room: "lobby");

        var placed = Enumerable.Range(0, 16).Select(i => (Room: layout.RoomOf(i), Server: layout.ServerOf(i))).ToList();

        Assert.All(Enumerable.Range(0, 4), room => Assert.Equal(2, placed.Where(p => p.Room == room).Select(p => p.Server).Distinct().Count()));
        Assert.Equal([0, 1, 2, 3], Enumerable.Range(0, 4).Select(layout.RoomOf));
        Assert.Equal(["bench-1", "bench-4"], [layout.RoomName(0), layout.RoomName(3)]);
    }

    [Fact]
    public void One_room_on_one_server_is_todays_benchmark_in_the_lobby()
    {
        var layout = new LoadOptions { Port = 7777 }.Layout;

        Assert.Equal(("lobby", "127.0.0.1:7777", 0), (layout.RoomName(0), layout.ServerOf(5).ToString(), layout.RoomOf(5)));
    }

    [Theory]
    [InlineData(1, 20, 4, 0, 100)]
    [InlineData(4, 10, 4, 3, 57)]
    [InlineData(3, 11, 5, 7, 40)]
    public void The_deliveries_expected_are_each_messages_room_size_summed(int rooms, int clients, int senders, long first, long end)
    {
        var layout = new LoadLayout([First, Second], rooms, "lobby");

        var counted = 0L;
        for (var message = first; message < end; message++)
        {
            var room = layout.RoomOf((int)(message % senders));
            counted += Enumerable.Range(0, clients).Count(c => layout.RoomOf(c) == room) - 1;
        }

        Assert.Equal(counted, layout.ExpectedDeliveries(first, end, senders, clients, members => members - 1));
    }

    [Fact]
    public void A_server_list_is_read_in_order_and_a_bad_address_is_named()
    {
        Assert.Equal([First, IPEndPoint.Parse("[::1]:7702")], LoadLayout.ParseServers("127.0.0.1:7701, [::1]:7702"));

        var error = Assert.Throws<ArgumentException>(() => LoadLayout.ParseServers("127.0.0.1:7701,node2:7702"));
        Assert.Contains("\"node2:7702\" is not ADDRESS:PORT", error.Message);
    }

    [Fact]
    public void Several_rooms_are_refused_for_irc_before_anything_connects()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LoadOptions.Read(new BenchArguments(["--protocol", "irc", "--rooms", "4"]), LoadScenarios.FanoutDefaults));

        Assert.Contains("--rooms", error.Message);
    }

    [Fact]
    public void Servers_rooms_pids_and_cluster_ports_are_read_from_the_command_line()
    {
        var options = LoadOptions.Read(new BenchArguments(
            ["--servers", "127.0.0.1:7701,127.0.0.1:7702", "--rooms", "4", "--host-pid", "11,12", "--cluster-ports", "4051,4052"]),
            LoadScenarios.FanoutDefaults);

        Assert.Equal([First, Second], options.Layout.Servers);
        Assert.Equal(4, options.Rooms);
        Assert.Equal([11, 12], options.HostPids);
        Assert.Equal([4051, 4052], options.ClusterPorts);
    }
}
