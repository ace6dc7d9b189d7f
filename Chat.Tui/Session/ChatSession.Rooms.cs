using Chat.Protocol;

namespace Chat.Tui.Session;

// Joining, leaving and listing rooms.
public sealed partial class ChatSession
{
    private readonly SortedSet<string> _listedRooms = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rooms Tab offers: the ones I am in and the ones the last !rooms listed.</summary>
    public IEnumerable<string> KnownRooms =>
        _conversations.Where(c => c.Room is not null).Select(c => c.Room!).Union(_listedRooms, StringComparer.OrdinalIgnoreCase);

    private void JoinRoom(string room) =>
        Request(new Join(room), reply =>
        {
            if (reply is Ok ok)
                Select(RoomNamed(ok.Room ?? room));
            else
                ReportFailure(Current, reply, null);
        }, null);

    private void LeaveRoom(string room) =>
        Request(new Leave(room), reply =>
        {
            if (reply is not Ok)
            {
                ReportFailure(Current, reply, null);
                return;
            }
            if (RoomOrNull(room) is { } conversation)
                ForgetRoom(conversation);
            AddLocal(Current, $"You left #{room}.");
        }, null);

    private void ForgetRoom(Conversation room)
    {
        // The lobby goes on screen before the room disappears, so nothing ever shows a room that is gone.
        if (Current == room)
            Select(Lobby);
        _conversations.Remove(room);
        RaiseChanged();
    }

    private void ListRooms() =>
        Ask<RoomList>(new ListRooms(), (asker, list) =>
        {
            _listedRooms.UnionWith(list.Rooms.Select(r => r.Room));
            var rooms = string.Join(", ", list.Rooms.Select(r => $"#{r.Room} ({r.Members} {(r.Members == 1 ? "member" : "members")})"));
            AddLocal(asker, $"Rooms: {rooms}. !join #name joins one.");
        });
}
