using System.Globalization;
using Chat.Protocol;

namespace Chat.Tui.Session;

// Away, back, whois and reply: who is there and who last wrote to me.
public sealed partial class ChatSession
{
    private string? _lastDirectFrom;

    /// <summary>The username whose DM came last; !reply answers it.</summary>
    public string? LastDirectFrom => _lastDirectFrom;

    private void GoAway(string? reason) =>
        Request(new SetAway(reason), reply =>
        {
            if (reply is not Ok || Me is not { } me)
            {
                ReportFailure(Current, reply, null);
                return;
            }
            SetAway(me.User, reason ?? "");
            AddLocal(Current, reason is null ? "You are marked away; !back when you return." : $"You are marked away ({reason}); !back when you return.");
        }, null);

    private void ComeBack() =>
        Request(new Back(), reply =>
        {
            if (reply is not Ok || Me is not { } me)
            {
                ReportFailure(Current, reply, null);
                return;
            }
            SetAway(me.User, null);
            AddLocal(Current, "You are back.");
        }, null);

    private void AskWhois(string user) =>
        Ask<WhoisInfo>(new Whois(ResolveUser(user)), (asker, info) => AddLocal(asker, DescribeWhois(info)));

    private void ApplyPresence(Presence presence)
    {
        if (!SetAway(presence.User, presence.Away))
            return;
        var text = presence.Away switch
        {
            null => $"{presence.Nick} is back",
            "" => $"{presence.Nick} is away",
            var reason => $"{presence.Nick} is away: {reason}",
        };
        Notice(Lobby, presence.User, text);
    }

    /// <summary>Records someone's away reason (null: back); false when nothing changed.</summary>
    private bool SetAway(string user, string? away)
    {
        var index = _people.FindIndex(p => p.Is(user));
        if (index < 0 || _people[index].Away == away)
            return false;
        _people[index] = _people[index] with { Away = away };
        if (Me is { } me && me.Is(user))
            Me = me with { Away = away };
        RaiseChanged();
        return true;
    }

    private static string DescribeWhois(WhoisInfo info)
    {
        var who = info.Nick == info.User ? info.User : $"{info.User} (nick {info.Nick})";
        var since = info.Since is { } at ? FormatSince(at.ToLocalTime()) : null;
        if (!info.Online)
            return since is null ? $"{who}: offline, never seen online" : $"{who}: offline, last seen {since}";
        if (info.Away is { } reason)
            return $"{who}: away{(reason.Length > 0 ? $" ({reason})" : "")}{(since is null ? "" : $" since {since}")}";
        return since is null ? $"{who}: online" : $"{who}: online since {since}";
    }

    private static string FormatSince(DateTime local) =>
        local.ToString(local.Date == DateTime.Now.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
