using System.Data.Common;
using Chat.Host.Hosting;

namespace Chat.Host.Admin;

/// <summary>One room as the admin command lists it.</summary>
internal sealed record RoomRow(string Room, int Members, string? Owner, bool InviteOnly, bool Private, string Topic)
{
    /// <summary>The row of either store's room list (room, members, owner, invite-only, private, topic).</summary>
    public static RoomRow Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetString(5));
}

/// <summary>One account as the admin command lists it.</summary>
internal sealed record AccountRow(string Username, string Nickname, DateTime Created, DateTime? LastSeen);

/// <summary>
/// The admin command's way into the host's store, SQLite or PostgreSQL: the same verbs, the same
/// answers. Each change that a running host must act on is recorded in admin_actions in the
/// transaction that makes it.
/// </summary>
internal interface IAdminStore : IDisposable
{
    /// <summary>False when the username is taken.</summary>
    bool CreateAccount(string username, string passwordHash, DateTime created);

    /// <summary>Sets the hash and deletes the account's resume tokens, in one transaction; false for no such account.</summary>
    bool ResetPassword(string username, string passwordHash);

    IReadOnlyList<AccountRow> Accounts();

    /// <summary>The host-wide role, kept on the account; false for no such account.</summary>
    bool SetHostOperator(string username, bool on);

    /// <summary>A disabled account's logins are refused; false for no such account.</summary>
    bool SetDisabled(string username, bool disabled, string? reason);

    /// <summary>Bans the account host-wide (until null: until unbanned); false for no such account.</summary>
    bool Ban(string username, DateTime? until, string? reason);

    /// <summary>False when the account was not banned.</summary>
    bool Unban(string username);

    IReadOnlyList<RoomRow> Rooms();

    /// <summary>
    /// Deletes the room: its members, history, roles, bans, invitations and settings (the audit
    /// table keeps what was done in it); false when it had neither members nor messages.
    /// </summary>
    bool DeleteRoom(string room);

    string? Motd();

    void SetMotd(string text);
}

/// <summary>Opens the admin command's store from the host's configuration.</summary>
internal static class AdminStores
{
    /// <summary>What delete-room deletes, in either store.</summary>
    private static readonly string[] RoomTables = ["room_members", "room_messages", "room_roles", "room_restrictions", "room_invites", "room_settings"];

    /// <summary>Deletes a room's rows table by table (<paramref name="deleteFrom"/> deletes them from one and counts them); true when it had members or messages.</summary>
    public static bool DeleteRoomRows(Func<string, int> deleteFrom)
    {
        var existed = 0;
        foreach (var table in RoomTables)
        {
            var deleted = deleteFrom(table);
            if (table is "room_members" or "room_messages")
                existed += deleted;
        }
        return existed > 0;
    }

    /// <summary>Null, with what was looked for, when there is no chat there: the admin command never creates one.</summary>
    public static IAdminStore? Open(HostConfiguration configuration, out string missing)
    {
        if (configuration.Store.Kind == StoreKind.Postgres)
        {
            missing = $"no chat schema in the {Storage.Postgres.PostgresChatStore.Describe(configuration.Store.PostgresConnectionString)} (has a host ever run on it?)";
            return PostgresAdminStore.Open(configuration.Store.PostgresConnectionString);
        }
        missing = $"no chat database in {configuration.DataDirectory} (is --data the host's data directory?)";
        return SqliteAdminStore.Open(configuration.DataDirectory);
    }
}
