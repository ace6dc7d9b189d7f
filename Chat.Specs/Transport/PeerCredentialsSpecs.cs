using System.Net;
using Chat.Host.Transport;

namespace Chat.Specs.Transport;

public class PeerCredentialsSpecs
{
    [Theory]
    [InlineData("127.0.0.1", 8080, "0100007F:1F90")]
    [InlineData("::1", 7777, "00000000000000000000000001000000:1E61")]
    [InlineData("::ffff:127.0.0.1", 1, "0000000000000000FFFF00000100007F:0001")]
    public void Endpoints_are_written_as_the_kernel_prints_them_in_proc_net_tcp(string address, int port, string printed) =>
        Assert.Equal(printed, PeerCredentials.ProcAddress(new IPEndPoint(IPAddress.Parse(address), port)));
}
