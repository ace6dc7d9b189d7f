using System.Text.RegularExpressions;

namespace Chat.Actors.Rooms;

public static partial class RoomRules
{
    [GeneratedRegex("^[a-z0-9_-]{2,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoomNamePattern();

    /// <summary>Room names are case-insensitive, 2 to 32 of a-z, 0-9, _ and -; "#dev" names the room "dev".</summary>
    public static bool TryNormalizeRoomName(string? input, out string room)
    {
        room = (input ?? "").Trim().TrimStart('#').ToLowerInvariant();
        return RoomNamePattern().IsMatch(room);
    }
}
