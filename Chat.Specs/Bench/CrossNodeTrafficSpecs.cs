using Chat.Bench.Load;

namespace Chat.Specs.Bench;

/// <summary>Reading the bytes between cluster nodes from `ss -tin` output.</summary>
public sealed class CrossNodeTrafficSpecs
{
    /// <summary>
    /// Shaped as ss prints it (`ss -tinH state established`): node 1 (4051) and node 2 (4052),
    /// one connection each way, a client on 7701 and PostgreSQL on 5432 beside them.
    /// </summary>
    private const string Sockets = """
        0      0      127.0.0.1:4051 127.0.0.1:39584
        	 bbr wscale:10,10 rto:204 cwnd:11 bytes_sent:10 bytes_acked:10 bytes_received:1000 segs_out:2
        0      0      127.0.0.1:39584 127.0.0.1:4051
        	 bbr wscale:10,10 rto:204 cwnd:11 bytes_sent:1000 bytes_acked:1001 bytes_received:10 segs_out:4
        0      0      127.0.0.1:41000 127.0.0.1:4052
        	 bbr wscale:10,10 rto:204 cwnd:11 bytes_sent:300 bytes_acked:301 segs_out:4
        0      0      127.0.0.1:4052 127.0.0.1:41000
        	 bbr wscale:10,10 rto:204 cwnd:11 bytes_received:300 segs_out:4
        0      0      127.0.0.1:7701 127.0.0.1:50000
        	 bbr wscale:10,10 bytes_sent:99999 bytes_received:88888
        0      0      [::ffff:127.0.0.1]:5432 [::ffff:127.0.0.1]:50001
        	 bbr wscale:10,10 bytes_received:77777
        """;

    [Fact]
    public void Every_byte_on_a_connection_to_a_cluster_port_is_counted_once_whichever_way_it_went()
    {
        Assert.Equal(1000 + 10 + 300, CrossNodeTraffic.BytesReceived(Sockets.Replace("\r\n", "\n"), [4051, 4052]));
    }

    [Fact]
    public void Connections_to_other_ports_are_not_counted()
    {
        Assert.Equal(77777, CrossNodeTraffic.BytesReceived(Sockets.Replace("\r\n", "\n"), [5432]));
        Assert.Equal(0, CrossNodeTraffic.BytesReceived(Sockets.Replace("\r\n", "\n"), [4053]));
    }

    [Fact]
    public void Without_cluster_ports_nothing_is_read()
    {
        Assert.Null(CrossNodeTraffic.TryRead([]));
    }
}
