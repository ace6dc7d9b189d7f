using Chat.Protocol;
using Chat.Tui.Commands;

namespace Chat.Tui.Session;

/// <summary>
/// The view-model's verbs, as the command table calls them: what each sends to the host and what
/// its reply does to the state the views show. Answers land in the conversation the command was
/// typed in.
/// </summary>
public sealed class ChatCommands(ChatState state, HostRequests requests, ReadTracker reads, IncomingFrames incoming) : IChatCommands
{
    private readonly SortedSet<string> _listedRooms = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The user asked to leave (!quit).</summary>
    public event Action? QuitRequested;

    public string? CurrentRoom => state.Current.Room;

    public string? LastDirectFrom => state.LastDirectFrom;

    /// <summary>Rooms Tab offers: the ones I am in and the ones the last !rooms listed.</summary>
    public IEnumerable<string> KnownRooms => state.Conversations.Rooms.Union(_listedRooms, StringComparer.OrdinalIgnoreCase);

    public void SayHere(string text)
    {
        if (state.Current.Peer is { } peer)
        {
            SendDirect(peer, text);
            return;
        }
        var room = state.Current;
        requests.Send(new Say(room.Room!, text), reply =>
        {
            if (reply is Ok { Seq: { } seq } && state.Me is { } me)
                room.AddOnce(seq, ChatLine.FromText(state.Now(), me.User, me.Nick, text, mentionsMe: false));
            else
                requests.ReportFailure(room, reply, text);
        }, text);
    }

    public void SendDirect(string to, string text)
    {
        var peer = state.People.Resolve(to);
        var previous = state.Current;
        var conversation = state.Conversations.DirectWith(peer);
        reads.Select(conversation);
        requests.Send(new SendDirect(peer, text), reply =>
        {
            if (reply is Ok ok && state.Me is { } me)
            {
                // The host also sends the DM back to us as an event; whichever comes first shows it.
                if (ok.Dm is { } id)
                    conversation.AddOnce(id, ChatLine.FromText(state.Now(), me.User, me.Nick, text, mentionsMe: false));
                if (ok.Away is { } reason)
                    state.AddLocal(conversation, reason.Length == 0 ? $"{conversation.Title} is away." : $"{conversation.Title} is away: {reason}");
                return;
            }
            if (reply is ErrorReply { Code: ErrorCodes.NoSuchUser } && conversation.NewestId is null)
            {
                // Nobody by that name: the empty conversation was a typo, not a conversation.
                state.Conversations.Remove(conversation, showInstead: previous);
                state.AddLocal(state.Current, $"No user named \"{to}\"; nothing was sent. Tab completes names of people online.");
                state.RaiseChanged();
                return;
            }
            requests.ReportFailure(conversation, reply, text);
        }, text);
    }

    public void ChangeNick(string nick) =>
        requests.Do(new ChangeNick(nick), ok =>
        {
            if (state.Me is not { } me)
                return;
            state.Rename(me.User, ok.Nick ?? nick);
            state.RaiseChanged();
        });

    public void AskWho() =>
        requests.Ask<Roster>(new Who(), (asker, roster) =>
        {
            state.ReplacePeople(roster.Users.Select(m => new Person(m.User, m.Nick, m.Away)));
            var names = string.Join(", ", state.People.All.Select(p => HostWords.Describe(p.User, p.Nick)));
            state.AddLocal(asker, $"In the {roster.Room}: {names}");
        });

    public void Join(string room) =>
        requests.Do(new Join(room), ok => reads.Select(state.Conversations.RoomNamed(ok.Room ?? room)));

    public void Leave(string room) =>
        requests.Ask<Ok>(new Leave(room), (asker, _) =>
        {
            if (state.Conversations.RoomOrNull(room) is { } conversation)
                incoming.Forget(conversation);
            state.AddLocal(state.Current, $"You left #{room}.");
        });

    public void ListRooms() =>
        requests.Ask<RoomList>(new ListRooms(), (asker, list) =>
        {
            _listedRooms.UnionWith(list.Rooms.Select(r => r.Room));
            var rooms = string.Join(", ", list.Rooms.Select(r => $"#{r.Room} ({r.Members} {(r.Members == 1 ? "member" : "members")})"));
            state.AddLocal(asker, $"Rooms: {rooms}. !join #name joins one.");
        });

    public void GoAway(string? reason) =>
        requests.Ask<Ok>(new SetAway(reason), (asker, _) =>
        {
            if (state.Me is not { } me)
                return;
            state.SetAway(me.User, reason ?? "");
            state.AddLocal(asker, reason is null ? "You are marked away; !back when you return." : $"You are marked away ({reason}); !back when you return.");
        });

    public void ComeBack() =>
        requests.Ask<Ok>(new Back(), (asker, _) =>
        {
            if (state.Me is not { } me)
                return;
            state.SetAway(me.User, null);
            state.AddLocal(asker, "You are back.");
        });

    public void AskWhois(string user) =>
        requests.Ask<WhoisInfo>(new Whois(state.People.Resolve(user)), (asker, info) => state.AddLocal(asker, HostWords.DescribeWhois(info)));

    public void Tell(IEnumerable<string> lines)
    {
        foreach (var line in lines)
            state.AddLocal(state.Current, line);
    }

    public bool SetBell(bool? on)
    {
        state.BellEnabled = on ?? !state.BellEnabled;
        state.RaiseChanged();
        return state.BellEnabled;
    }

    public void Quit() => QuitRequested?.Invoke();
}
