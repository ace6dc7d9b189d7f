using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>What events from the host do to the state the views show.</summary>
public sealed class IncomingFrames(ChatState state, ReadTracker reads)
{
    public void Apply(ServerFrame frame)
    {
        switch (frame)
        {
            // Ignoring is the client's to do (architecture.md says why): the host sends everything.
            case ChatMessage message when state.Ignored.Contains(message.User):
                break;
            case DirectMessage direct when state.Ignored.Contains(direct.From):
                break;
            case ChatMessage message:
                OnRoomMessage(message);
                break;
            case DirectMessage direct:
                OnDirect(direct);
                break;
            case IgnoreList ignored:
                state.Ignored.Clear();
                state.Ignored.UnionWith(ignored.Users);
                break;
            case ModerationNotice { Action: "deleted" } deleted:
                // The room goes from the list with the "left" that follows: the lobby keeps why.
                state.Conversations.Lobby.Add(ChatLine.Notice(state.Now(), HostWords.ExplainDeleted(deleted)));
                state.RaiseChanged();
                break;
            case ModerationNotice notice:
                state.Conversations.RoomNamed(notice.Room).Add(ChatLine.Notice(state.Now(), HostWords.ExplainModeration(notice)));
                state.RaiseChanged();
                break;
            case HistoryPage page:
                reads.MergeHistory(page);
                break;
            case Unread unread:
                reads.ApplyUnread(unread);
                break;
            case ReadMark read:
                reads.ApplyRead(read);
                break;
            case Presence presence:
                OnPresence(presence);
                break;
            case Joined joined:
                OnJoined(joined);
                break;
            case Left left:
                OnLeft(left);
                break;
            case NickChanged renamed:
                state.Rename(renamed.User, renamed.Nick);
                OnRenamed(renamed);
                break;
            case Roster roster:
                ApplyRoster(roster);
                break;
            case RoleChanged role when state.MembersOf(role.Room)?.SetRole(role.User, role.Role) == true:
                state.RaiseChanged();
                break;
            case ErrorReply error:
                state.AddLocal(state.Current, HostWords.Explain(error));
                break;
            case Bye bye:
                state.AddLocal(state.Current, HostWords.ExplainBye(bye));
                state.RaiseChanged();
                break;
        }
    }

    /// <summary>
    /// A join, leave or rename: in the room it happened in, by its number there when the room keeps
    /// it in history (so the same line from a page later is not shown again), and in the
    /// conversation with that person if there is one.
    /// </summary>
    private void Notice(Conversation room, string user, string text, RoomHistoryEvent? e = null)
    {
        var line = ChatLine.Notice(e?.Ts ?? state.Now(), text);
        if (e?.Seq is { } seq)
            room.AddOnce(seq, line);
        else
            room.Add(line);
        state.Conversations.DirectWithOrNull(user)?.Add(ChatLine.Notice(state.Now(), text));
        state.RaiseChanged();
    }

    /// <summary>
    /// Each room of the renamed person says so: a room other than the lobby shows its own line;
    /// the lobby (everyone shares it), or an older host's frame without a room, is shown once.
    /// </summary>
    private void OnRenamed(NickChanged renamed)
    {
        var text = HostWords.Renamed(renamed);
        if (renamed.Room is { } name && name != RoomNames.Lobby)
        {
            if (state.Conversations.RoomOrNull(name) is { } room && renamed.Seq is { } seq)
                room.AddOnce(seq, ChatLine.Notice(renamed.Ts ?? state.Now(), text));
            state.RaiseChanged();
        }
        else if (state.IsNewRename(renamed.User, renamed.Old, renamed.Nick))
            Notice(state.Conversations.Lobby, renamed.User, text, renamed);
    }

    /// <summary>The host's list of a room's members replaces ours: the lobby's is everyone online.</summary>
    public void ApplyRoster(Roster roster)
    {
        var people = roster.Users.Select(m => new Person(m.User, m.Nick, m.Away) { Role = m.Role });
        if (roster.Room == RoomNames.Lobby)
            state.ReplacePeople(people);
        else
        {
            if (!state.RoomMembers.TryGetValue(roster.Room, out var members))
                state.RoomMembers[roster.Room] = members = new PeopleList();
            members.Replace(people);
        }
        state.RaiseChanged();
    }

    private void OnJoined(Joined joined)
    {
        var room = state.Conversations.RoomNamed(joined.Room);
        state.MembersOf(joined.Room)?.Arrive(new Person(joined.User, joined.Nick) { Role = joined.Role });
        Notice(room, joined.User, HostWords.Joined(joined), joined);
    }

    private void OnLeft(Left left)
    {
        if (state.Conversations.RoomOrNull(left.Room) is not { } room)
            return;
        if (state.IsMe(left.User) && room.IsLobby)
            return; // a host going down says everyone left the lobby; I am still here until the link says otherwise
        if (!state.IsMe(left.User))
            state.MembersOf(left.Room)?.Remove(left.User);
        else
        {
            // I left it, here or on another terminal: the room goes from every list.
            Forget(room);
            return;
        }
        Notice(room, left.User, HostWords.Left(left), left);
    }

    /// <summary>A room I left or a DM I closed goes from the list; the lobby goes on screen first if it was, so nothing shows a conversation that is gone.</summary>
    public void Forget(Conversation conversation)
    {
        if (state.Current == conversation)
            reads.Select(state.Conversations.Lobby);
        state.Conversations.Remove(conversation);
        if (conversation.Room is { } room)
            state.RoomMembers.Remove(room);
        state.RaiseChanged();
    }

    private void OnRoomMessage(ChatMessage message)
    {
        var room = state.Conversations.RoomNamed(message.Room);
        var line = Mentions.LineOf(message, state.Me);
        reads.AddIncoming(room, message.Seq, line, state.IsMe(message.User));
        if (line.MentionsMe)
            state.Ring();
    }

    private void OnDirect(DirectMessage direct)
    {
        var fromMe = state.IsMe(direct.From);
        var conversation = state.Conversations.DirectWith(fromMe ? direct.To : direct.From);
        if (!fromMe)
        {
            conversation.Title = direct.Nick;
            state.LastDirectFrom = direct.From;
        }
        var alreadyShown = conversation.HasShown(direct.Id);
        reads.AddIncoming(conversation, direct.Id, Mentions.LineOf(direct), fromMe, counted: reads.Arriving);
        if (!fromMe && !alreadyShown)
            state.Ring();
    }

    private void OnPresence(Presence presence)
    {
        if (!state.SetAway(presence.User, presence.Away))
            return;
        Notice(state.Conversations.Lobby, presence.User, ChatCommands.AwayText(presence.Nick, presence.Away));
        if (state.Conversations.DirectWithOrNull(presence.User) is { } direct)
            direct.PeerAwayShown = presence.Away;
    }
}
