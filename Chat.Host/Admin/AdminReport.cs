using System.Globalization;
using System.Text.Json;

namespace Chat.Host.Admin;

/// <summary>What an admin verb prints: aligned columns for a person, or one JSON document for a script.</summary>
internal sealed class AdminReport(TextWriter output, bool json)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public int Changed(string what, string username)
    {
        if (json)
            output.WriteLine(JsonSerializer.Serialize(new { User = username, Result = what }, Json));
        else
            output.WriteLine($"{username}: {what}");
        return AdminCommand.Done;
    }

    public int Accounts(IReadOnlyList<AccountRow> accounts)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(accounts.Select(a => new { User = a.Username, Nick = a.Nickname, a.Created, a.LastSeen }), Json));
            return AdminCommand.Done;
        }
        string[] header = ["USER", "NICK", "CREATED (UTC)", "LAST SEEN (UTC)"];
        var rows = accounts.Select(a => new[] { a.Username, a.Nickname, Time(a.Created), a.LastSeen is { } seen ? Time(seen) : "never" }).ToList();
        Table(header, rows);
        output.WriteLine($"{accounts.Count} account{(accounts.Count == 1 ? "" : "s")}");
        return AdminCommand.Done;
    }

    public int Rooms(IReadOnlyList<RoomRow> rooms)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(rooms.Select(r => new { r.Room, r.Members, r.Owner, r.InviteOnly, r.Private, r.Topic }), Json));
            return AdminCommand.Done;
        }
        Table(["ROOM", "MEMBERS", "OWNER", "FLAGS", "TOPIC"],
            rooms.Select(r => new[] { r.Room, r.Members.ToString(CultureInfo.InvariantCulture), r.Owner ?? "-", (r.InviteOnly ? "i" : "") + (r.Private ? "p" : ""), r.Topic }).ToList());
        output.WriteLine($"{rooms.Count} room{(rooms.Count == 1 ? "" : "s")}");
        return AdminCommand.Done;
    }

    private void Table(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
    }

    public int Motd(string text, string source)
    {
        if (json)
            output.WriteLine(JsonSerializer.Serialize(new { Motd = text, Source = source }, Json));
        else
            output.WriteLine($"{text}\n(from the {source})");
        return AdminCommand.Done;
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
