using Chat.Protocol;

namespace Chat.Tui.Session;

// What events from the host do to the state the views show.
public sealed partial class ChatSession
{
    /// <summary>
    /// Takes one decoded frame from the host and applies it through the dispatcher, like every
    /// state change. The connection calls it for each event; specs feed frames through it too.
    /// </summary>
    internal void Deliver(ServerFrame frame) => Post(() => Apply(frame));

    private void Apply(ServerFrame frame)
    {
        switch (frame)
        {
            case ChatMessage message:
                OnRoomMessage(message, fromHistory: false);
                break;
            case DirectMessage direct:
                OnDirect(direct);
                break;
            case HistoryPage page:
                MergeHistory(page);
                break;
            case Unread unread:
                ApplyUnread(unread);
                break;
            case ReadMark read:
                ApplyRead(read);
                break;
            case Presence presence:
                ApplyPresence(presence);
                break;
            case Joined joined:
                OnJoined(joined);
                break;
            case Left left:
                OnLeft(left);
                break;
            case NickChanged renamed:
                Rename(renamed.User, renamed.Nick);
                Notice(Lobby, renamed.User, $"{renamed.Old} is now known as {renamed.Nick}");
                break;
            case Roster roster:
                ReplacePeople(roster.Users);
                RaiseChanged();
                break;
            case ErrorReply error:
                AddLocal(Current, Explain(error));
                break;
            case Bye bye:
                AddLocal(Current, ExplainBye(bye));
                RaiseChanged();
                break;
        }
    }

    /// <summary>A join, leave or rename: in the room it happened in, and in the conversation with that person if there is one.</summary>
    private void Notice(Conversation room, string user, string text)
    {
        room.Add(ChatLine.Notice(_options.Now(), text));
        DirectWithOrNull(user)?.Add(ChatLine.Notice(_options.Now(), text));
        RaiseChanged();
    }

    private void OnJoined(Joined joined)
    {
        var room = RoomNamed(joined.Room);
        if (room.IsLobby)
            Arrive(new Person(joined.User, joined.Nick));
        Notice(room, joined.User, $"{Describe(joined.User, joined.Nick)} joined");
    }

    private void OnLeft(Left left)
    {
        if (RoomOrNull(left.Room) is not { } room)
            return;
        if (room.IsLobby)
            _people.RemoveAll(p => p.Is(left.User));
        else if (Me is { } me && me.Is(left.User))
        {
            // I left it, here or on another terminal: the room goes from every list.
            ForgetRoom(room);
            return;
        }
        Notice(room, left.User, $"{Describe(left.User, left.Nick)} left");
    }

    private void OnRoomMessage(ChatMessage message, bool fromHistory)
    {
        var room = RoomNamed(message.Room);
        var mine = Me is { } me && me.Is(message.User);
        var mentionsMe = !mine && MentionsMe(message.Text);
        var line = ChatLine.FromText(message.Ts.ToLocalTime(), message.User, message.Nick, message.Text, mentionsMe);
        if (fromHistory)
        {
            room.AddOnce(message.Seq, line);
            return;
        }
        AddIncoming(room, message.Seq, line, mine);
        if (mentionsMe)
            Ring();
    }

    private static ChatLine LineOf(DirectMessage direct) =>
        ChatLine.FromText(direct.Ts.ToLocalTime(), direct.From, direct.Nick, direct.Text, mentionsMe: false);

    private void OnDirect(DirectMessage direct)
    {
        var fromMe = Me is { } me && me.Is(direct.From);
        var conversation = DirectWith(fromMe ? direct.To : direct.From);
        if (!fromMe)
        {
            conversation.Title = direct.Nick;
            _lastDirectFrom = direct.From;
        }
        var alreadyShown = conversation.HasShown(direct.Id);
        AddIncoming(conversation, direct.Id, LineOf(direct), fromMe, counted: _arriving);
        if (!fromMe && !alreadyShown)
            Ring();
    }

    /// <summary>My username or nickname as a whole word, any case.</summary>
    internal bool MentionsMe(string text)
    {
        if (Me is not { } me)
            return false;
        return ContainsWord(text, me.Nick) || ContainsWord(text, me.User);
    }

    private static bool ContainsWord(string text, string word)
    {
        if (word.Length == 0)
            return false;
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            var startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var endsWord = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startsWord && endsWord)
                return true;
        }
        return false;
    }

    private void Arrive(Person person)
    {
        var index = _people.FindIndex(p => p.Is(person.User));
        if (index >= 0)
            _people[index] = person with { Away = person.Away ?? _people[index].Away };
        else
            _people.Add(person);
        SortPeople();
    }

    private void Rename(string user, string nick)
    {
        var index = _people.FindIndex(p => p.Is(user));
        if (index >= 0)
            _people[index] = _people[index] with { Nick = nick };
        if (Me is { } me && me.Is(user))
            Me = me with { Nick = nick };
        if (DirectWithOrNull(user) is { } direct)
            direct.Title = nick;
        SortPeople();
    }

    private void ReplacePeople(IEnumerable<Member> members)
    {
        _people.Clear();
        _people.AddRange(members.Select(m => new Person(m.User, m.Nick, m.Away)));
        foreach (var person in _people)
            if (DirectWithOrNull(person.User) is { } direct)
                direct.Title = person.Nick;
        SortPeople();
    }

    private void SortPeople() => _people.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Nick, b.Nick));

    private static string Describe(string user, string nick) => string.Equals(user, nick, StringComparison.Ordinal) ? nick : $"{nick} ({user})";
}
