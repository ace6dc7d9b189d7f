using Chat.Protocol;
using Chat.Tui.Commands;

namespace Chat.Tui.Session;

/// <summary>
/// The view-model's verbs, as the command table calls them: what each sends to the host and what
/// its reply does to the state the views show. Answers land in the conversation the command was
/// typed in.
/// </summary>
public sealed class ChatCommands(ChatState state, HostRequests requests, OutgoingLines lines, ReadTracker reads, IncomingFrames incoming) : IChatCommands
{
    private readonly SortedSet<string> _listedRooms = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The user asked to leave (!quit).</summary>
    public event Action? QuitRequested;

    public string? CurrentRoom => state.Current.Room;

    public string? CurrentPeer => state.Current.Peer;

    public string? LastDirectFrom => state.LastDirectFrom;

    /// <summary>Rooms Tab offers: the ones I am in and the ones the last !rooms listed.</summary>
    public IEnumerable<string> KnownRooms => state.Conversations.Rooms.Union(_listedRooms, StringComparer.OrdinalIgnoreCase);

    public void Moderate(ClientFrame request) => requests.Do(request, _ => { });

    public void SayHere(string text)
    {
        if (state.Current.Peer is { } peer)
        {
            SendDirect(peer, text);
            return;
        }
        var room = state.Current;
        lines.Send(new Say(room.Room!, text), text, reply =>
        {
            if (reply is Ok { Seq: { } seq } && state.Me is { } me)
                room.AddOnce(seq, ChatLine.FromText(state.Now(), me.User, me.Nick, text, mentionsMe: false));
            else
                requests.ReportFailure(room, reply, text);
        });
    }

    public void SendDirect(string to, string text)
    {
        var peer = state.People.Resolve(to);
        var previous = state.Current;
        var conversation = state.Conversations.DirectWith(peer);
        reads.Select(conversation);
        lines.Send(new SendDirect(peer, text), text, reply =>
        {
            if (reply is Ok ok && state.Me is { } me)
            {
                // The host also sends the DM back to us as an event; whichever comes first shows it.
                if (ok.Dm is { } id)
                    conversation.AddOnce(id, ChatLine.FromText(state.Now(), me.User, me.Nick, text, mentionsMe: false));
                if (ok.Away is { } reason && conversation.PeerAwayShown != reason)
                {
                    conversation.PeerAwayShown = reason;
                    conversation.Add(ChatLine.Notice(state.Now(), AwayText(conversation.Title, reason)));
                }
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
        });
    }

    /// <summary>One wording for someone's away state, whether the host says it in a notice or in a DM's ok.</summary>
    public static string AwayText(string nick, string? reason) => reason switch
    {
        null => $"{nick} is back",
        "" => $"{nick} is away",
        _ => $"{nick} is away: {reason}",
    };

    public void ChangeNick(string nick) =>
        requests.Do(new ChangeNick(nick), ok =>
        {
            if (state.Me is not { } me)
                return;
            state.Rename(me.User, ok.Nick ?? nick);
            state.RaiseChanged();
        });

    /// <summary>Who is in the room on screen (the lobby from a DM), said there and shown in the people panel.</summary>
    public void AskWho() =>
        requests.Ask<Roster>(new Who(state.Current.Room ?? RoomNames.Lobby), (asker, roster) =>
        {
            incoming.ApplyRoster(roster);
            var names = string.Join(", ", roster.Users.Select(m => HostWords.Describe(m.User, m.Nick)).Order(StringComparer.OrdinalIgnoreCase));
            state.AddLocal(asker, roster.Room == RoomNames.Lobby ? $"In the lobby: {names}" : $"In #{roster.Room}: {names}");
        });

    /// <summary>A room put on screen whose members are not known yet asks the host for them.</summary>
    public void LoadMembers(Conversation conversation)
    {
        if (conversation.Room is { } room && state.MembersOf(room) is null)
            requests.SendQuietly(new Who(room), reply =>
            {
                if (reply is Roster roster)
                    incoming.ApplyRoster(roster);
            });
    }

    public void Join(string room) =>
        requests.Do(new Join(room), ok =>
        {
            var conversation = state.Conversations.RoomNamed(ok.Room ?? room);
            reads.Select(conversation);
            LoadMembers(conversation);
        });

    public void Leave(string room) =>
        requests.Ask<Ok>(new Leave(room), (asker, _) =>
        {
            if (state.Conversations.RoomOrNull(room) is { } conversation)
                incoming.Forget(conversation);
            state.AddLocal(state.Current, $"You left #{room}.");
        });

    public void CloseDirect(string peer) =>
        requests.Ask<Ok>(new CloseConversation(peer), (asker, _) =>
        {
            var conversation = state.Conversations.DirectWithOrNull(peer);
            if (conversation is not null)
                incoming.Forget(conversation);
            state.AddLocal(state.Current, $"Closed the conversation with {HostWords.Describe(peer, conversation?.Title ?? peer)}; a new DM opens it again.");
        });

    public void Search(string text) =>
        requests.Ask<SearchResults>(new SearchRequest(text, state.Current.Room, state.Current.Peer), (asker, found) =>
        {
            var where = asker.Room is { } room ? $"#{room}" : $"the DMs with {asker.Title}";
            var hits = found.Messages.Select(frame => frame switch
                {
                    ChatMessage message => (Id: message.Seq, Line: Mentions.LineOf(message, state.Me)),
                    DirectMessage direct => (Id: direct.Id, Line: Mentions.LineOf(direct)),
                    _ => (Id: 0L, Line: null!),
                })
                .Where(hit => hit.Line is not null)
                .ToList();
            asker.SearchHits = hits.Select(hit => hit.Id).ToList();
            if (hits.Count == 0)
            {
                state.AddLocal(asker, $"Nothing in {where} has every word of \"{text}\".");
                return;
            }
            state.AddLocal(asker, $"{(found.More == true ? "The newest " : "")}{hits.Count} found in {where} for \"{text}\", oldest first:");
            for (var i = 0; i < hits.Count; i++)
                state.AddLocal(asker, $"  [{i + 1}] {hits[i].Line.Time.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} <{hits[i].Line.Nick}> {hits[i].Line.Text}");
            state.AddLocal(asker, "!jump N shows hit N in context; F3 goes to the next one back, Shift+F3 forward; Ctrl+End back to the newest lines.");
        });

    public string? JumpToHit(int number)
    {
        var here = state.Current;
        if (here.SearchHits.Count == 0)
            return "Nothing to jump to here: !search text lists hits first.";
        if (number < 1 || number > here.SearchHits.Count)
            return here.SearchHits.Count == 1 ? "There is one hit: !jump 1." : $"The hits are numbered 1 to {here.SearchHits.Count}.";
        reads.JumpTo(here, here.SearchHits[number - 1]);
        return null;
    }

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

    /// <summary>!password: the view asks for the passwords in a dialog, then calls <see cref="ChangePassword"/>.</summary>
    public event Action? PasswordChangeRequested;

    public void AskPasswordChange() => PasswordChangeRequested?.Invoke();

    public void ChangePassword(string oldPassword, string newPassword) =>
        requests.Ask<Ok>(new ChangePasswordRequest(oldPassword, newPassword), (asker, _) =>
        {
            requests.TokensRevoked(newPassword);
            state.AddLocal(asker, "Your password is changed; your other terminals were logged out.");
        });

    public void LogOutEverywhere() =>
        requests.Ask<Ok>(new LogoutAll(), (asker, _) =>
        {
            requests.TokensRevoked();
            state.AddLocal(asker, "Your other terminals were logged out and every saved login forgotten; this one stays.");
        });

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
