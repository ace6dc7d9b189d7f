using Chat.Actors.Protocol;

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
            case ChatMessage message when string.Equals(message.Room, RoomNames.Lobby, StringComparison.OrdinalIgnoreCase):
                OnRoomMessage(message);
                break;
            case DirectMessage direct:
                OnDirect(direct);
                break;
            case Joined joined:
                Arrive(new Person(joined.User, joined.Nick));
                Notice(joined.User, $"{Describe(joined.User, joined.Nick)} joined");
                break;
            case Left left:
                _people.RemoveAll(p => p.Is(left.User));
                Notice(left.User, $"{Describe(left.User, left.Nick)} left");
                break;
            case NickChanged renamed:
                Rename(renamed.User, renamed.Nick);
                Notice(renamed.User, $"{renamed.Old} is now known as {renamed.Nick}");
                break;
            case Roster roster:
                ReplacePeople(roster.Users);
                RaiseChanged();
                break;
            case ErrorReply error:
                AddLocal(Current, Explain(error));
                break;
        }
    }

    /// <summary>A join, leave or rename: in the lobby, and in the conversation with that person if there is one.</summary>
    private void Notice(string user, string text)
    {
        Lobby.Add(ChatLine.Notice(_options.Now(), text));
        DirectWithOrNull(user)?.Add(ChatLine.Notice(_options.Now(), text));
        RaiseChanged();
    }

    private void OnRoomMessage(ChatMessage message)
    {
        var mine = Me is { } me && me.Is(message.User);
        var mentionsMe = !mine && MentionsMe(message.Text);
        AddIncoming(Lobby, message.Seq, ChatLine.FromText(message.Ts.ToLocalTime(), message.User, message.Nick, message.Text, mentionsMe), mine);
        if (mentionsMe)
            Ring();
    }

    private void OnDirect(DirectMessage direct)
    {
        var fromMe = Me is { } me && me.Is(direct.From);
        var conversation = DirectWith(fromMe ? direct.To : direct.From);
        if (!fromMe)
            conversation.Title = direct.Nick;
        var alreadyShown = conversation.HasShown(direct.Id);
        AddIncoming(conversation, direct.Id, ChatLine.FromText(direct.Ts.ToLocalTime(), direct.From, direct.Nick, direct.Text, mentionsMe: false), fromMe);
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

    private Conversation? DirectWithOrNull(string user) =>
        _conversations.FirstOrDefault(c => c.Peer is not null && string.Equals(c.Peer, user, StringComparison.OrdinalIgnoreCase));

    private void Arrive(Person person)
    {
        var index = _people.FindIndex(p => p.Is(person.User));
        if (index >= 0)
            _people[index] = person;
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
        _people.AddRange(members.Select(m => new Person(m.User, m.Nick)));
        foreach (var person in _people)
            if (DirectWithOrNull(person.User) is { } direct)
                direct.Title = person.Nick;
        SortPeople();
    }

    private void SortPeople() => _people.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Nick, b.Nick));

    private static string Describe(string user, string nick) => string.Equals(user, nick, StringComparison.Ordinal) ? nick : $"{nick} ({user})";
}
