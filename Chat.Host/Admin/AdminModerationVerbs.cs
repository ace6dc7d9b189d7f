using Chat.Actors.Accounts;
using Chat.Actors.Rooms;
using Chat.Protocol;

namespace Chat.Host.Admin;

/// <summary>
/// The admin verbs that rule accounts and rooms host-wide: disable and enable, the host operator
/// role, host-wide bans, and deleting rooms. Each also records itself in admin_actions, which
/// the running host polls to act on it (end sessions, grant the role, close the room).
/// </summary>
internal static class AdminModerationVerbs
{
    public const int MaxReasonChars = RoomModeration.MaxReasonLength;

    public static int Run(IAdminStore store, AdminArguments parsed, AdminReport report, TextWriter error)
    {
        var operands = parsed.Operands;
        if (parsed.Verb == "list-rooms")
            return report.Rooms(store.Rooms());
        if (parsed.Verb == "delete-room")
            return !RoomRules.TryNormalizeRoomName(operands[0], out var room) ? AdminCommand.Say(error, AdminCommand.BadArguments, $"\"{operands[0]}\" is not a room name")
                : room == RoomNames.Lobby ? AdminCommand.Say(error, AdminCommand.Refused, "the lobby cannot be deleted")
                : store.DeleteRoom(room) ? report.Changed("deleted", room)
                : AdminCommand.Say(error, AdminCommand.NotFound, $"no such room: {room}");
        if (!AccountRules.TryNormalizeUsername(operands[0], out var username))
            return AdminCommand.Say(error, AdminCommand.NotFound, $"no such user: {operands[0]}");
        var rest = operands.Skip(1).ToList();
        TimeSpan? duration = null;
        if (parsed.Verb == "ban" && rest.Count > 0 && DurationText.TryParse(rest[0], out var parsedDuration))
        {
            duration = parsedDuration;
            rest.RemoveAt(0);
        }
        var reason = string.Join(' ', rest).Trim() is { Length: > 0 } text ? text : null;
        if (reason is { Length: > MaxReasonChars } || (reason ?? "").Any(char.IsControl))
            return AdminCommand.Say(error, AdminCommand.BadArguments, $"a reason is one line of at most {MaxReasonChars} characters");
        var (done, what) = parsed.Verb switch
        {
            "grant-operator" => (store.SetHostOperator(username, true), "host operator: rules every room"),
            "revoke-operator" => (store.SetHostOperator(username, false), "no longer a host operator"),
            "disable" => (store.SetDisabled(username, true, reason), "disabled: its sessions end and its logins are refused"),
            "enable" => (store.SetDisabled(username, false, null), "enabled"),
            "ban" => (store.Ban(username, duration is { } d ? DateTime.UtcNow + d : null, reason), duration is { } d2 ? $"banned for {d2}" : "banned until unbanned"),
            _ => (store.Unban(username), "unbanned"),
        };
        if (done)
            return report.Changed(what, username);
        return parsed.Verb == "unban"
            ? AdminCommand.Say(error, AdminCommand.Refused, $"{username} is not banned")
            : AdminCommand.Say(error, AdminCommand.NotFound, $"no such user: {username}");
    }
}
