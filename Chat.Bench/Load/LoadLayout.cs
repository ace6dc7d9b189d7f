using System.Net;

namespace Chat.Bench.Load;

/// <summary>
/// Where each client connects and which room it is in. Client i is in room i mod R and connects
/// to server (i div R) mod N, so every room has members on every server and the first R clients
/// (the first senders) speak in different rooms. Sender s is client s, so its messages go to the
/// room of client s.
/// </summary>
internal sealed record LoadLayout(IReadOnlyList<IPEndPoint> Servers, int Rooms, string Room)
{
    public IPEndPoint ServerOf(int client) => Servers[client / Rooms % Servers.Count];

    public int RoomOf(int client) => client % Rooms;

    /// <summary>One room keeps the room's own name (the lobby, which everyone is in at login); several are bench-1, bench-2, ...</summary>
    public string RoomName(int room) => Rooms == 1 ? Room : $"bench-{room + 1}";

    public int MembersOf(int room, int clients) => clients / Rooms + (room < clients % Rooms ? 1 : 0);

    /// <summary>
    /// Deliveries owed for the messages numbered [<paramref name="first"/>, <paramref name="end"/>):
    /// message k comes from sender k mod S and reaches every recipient in that sender's room.
    /// </summary>
    public long ExpectedDeliveries(long first, long end, int senders, int clients, Func<int, int> recipientsOfRoom)
    {
        long expected = 0;
        for (var sender = 0; sender < senders; sender++)
            expected += MessagesOf(sender, first, end, senders) * recipientsOfRoom(MembersOf(RoomOf(sender), clients));
        return expected;
    }

    /// <summary>How many k in [first, end) have k mod senders == sender.</summary>
    private static long MessagesOf(int sender, long first, long end, int senders) =>
        CountBelow(end, sender, senders) - CountBelow(first, sender, senders);

    private static long CountBelow(long limit, int sender, int senders) => limit <= sender ? 0 : (limit - 1 - sender) / senders + 1;

    /// <summary>"a:p,b:p" (IPv6 as [addr]:p) into endpoints; a clear error for anything else.</summary>
    public static IReadOnlyList<IPEndPoint> ParseServers(string list)
    {
        var servers = new List<IPEndPoint>();
        foreach (var item in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IPEndPoint.TryParse(item, out var endpoint) || endpoint.Port == 0)
                throw new ArgumentException($"--servers: \"{item}\" is not ADDRESS:PORT (an IP address, IPv6 in brackets)");
            servers.Add(endpoint);
        }
        return servers.Count > 0 ? servers : throw new ArgumentException("--servers needs at least one ADDRESS:PORT");
    }
}
