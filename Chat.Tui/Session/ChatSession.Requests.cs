using Chat.Protocol;

namespace Chat.Tui.Session;

// What the user's commands send to the host, and what the session does with the replies.
public sealed partial class ChatSession
{
    private void SendToCurrent(string text)
    {
        if (Current.Peer is { } peer)
        {
            SendDirect(peer, text);
            return;
        }
        var room = Current;
        Request(new Say(room.Room!, text), reply =>
        {
            if (reply is Ok { Seq: { } seq } && Me is { } me)
                room.AddOnce(seq, ChatLine.FromText(_options.Now(), me.User, me.Nick, text, mentionsMe: false));
            else
                ReportFailure(room, reply, text);
        }, text);
    }

    private void SendDirect(string to, string text)
    {
        var peer = ResolveUser(to);
        var previous = Current;
        var conversation = DirectWith(peer);
        Select(conversation);
        Request(new SendDirect(peer, text), reply =>
        {
            if (reply is Ok ok && Me is { } me)
            {
                // The host also sends the DM back to us as an event; whichever comes first shows it.
                if (ok.Dm is { } id)
                    conversation.AddOnce(id, ChatLine.FromText(_options.Now(), me.User, me.Nick, text, mentionsMe: false));
                if (ok.Away is { } reason)
                    AddLocal(conversation, reason.Length == 0 ? $"{conversation.Title} is away." : $"{conversation.Title} is away: {reason}");
                return;
            }
            if (reply is ErrorReply { Code: ErrorCodes.NoSuchUser } && conversation.NewestId is null)
            {
                // Nobody by that name: the empty conversation was a typo, not a conversation.
                _conversations.Remove(conversation);
                if (Current == conversation)
                    Current = _conversations.Contains(previous) ? previous : Lobby;
                AddLocal(Current, $"No user named \"{to}\"; nothing was sent. Tab completes names of people online.");
                RaiseChanged();
                return;
            }
            ReportFailure(conversation, reply, text);
        }, text);
    }

    private void ChangeNick(string nick) =>
        Request(new ChangeNick(nick), reply =>
        {
            if (reply is Ok ok && Me is { } me)
            {
                Rename(me.User, ok.Nick ?? nick);
                RaiseChanged();
            }
            else
            {
                ReportFailure(Current, reply, null);
            }
        }, null);

    private void AskWho() =>
        Ask<Roster>(new Who(), (asker, roster) =>
        {
            ReplacePeople(roster.Users);
            var names = string.Join(", ", _people.Select(p => p.Nick == p.User ? p.Nick : $"{p.Nick} ({p.User})"));
            AddLocal(asker, $"In the {roster.Room}: {names}");
        });

    /// <summary>
    /// A question whose answer is shown in the conversation it was asked from, even if the user
    /// switched away meanwhile; any other reply is reported there.
    /// </summary>
    private void Ask<TAnswer>(ClientFrame question, Action<Conversation, TAnswer> onAnswer) where TAnswer : Reply
    {
        var asker = Current;
        Request(question, reply =>
        {
            if (reply is TAnswer answer)
                onAnswer(asker, answer);
            else
                ReportFailure(asker, reply, null);
        }, null);
    }

    /// <summary>Sends a request whose reply changes nothing the user needs to hear about; skipped while disconnected.</summary>
    private void SendQuietly(ClientFrame frame)
    {
        if (_connection is { } connection && Status == ConnectionStatus.Connected)
            Request(frame, _ => { }, null);
    }

    /// <summary>
    /// Sends a request in the background and applies its reply as a state change. If the link
    /// breaks first, the user is told, with the text that did not go out.
    /// </summary>
    private void Request(ClientFrame frame, Action<Reply> onReply, string? text)
    {
        var connection = _connection;
        var conversation = Current;
        if (connection is null)
        {
            AddLocal(conversation, "Not sent: not connected to the host.");
            return;
        }
        // Started here, not inside the task: the frame is written before the next request's, so
        // lines typed (or pasted) quickly reach the host in the order they were typed.
        var replied = connection.RequestAsync(frame, _options.RequestTimeout);
        _ = Task.Run(async () =>
        {
            try
            {
                var reply = await replied.ConfigureAwait(false);
                Post(() => onReply(reply));
            }
            catch (IOException e)
            {
                Post(() => AddLocal(conversation, text is null
                    ? $"Not done: {e.Message}."
                    : $"Not sent ({e.Message}): {text}"));
            }
        });
    }

    private void ReportFailure(Conversation conversation, Reply reply, string? text)
    {
        var why = reply is ErrorReply error ? Explain(error) : $"unexpected answer \"{reply.GetType().Name}\" from the host";
        AddLocal(conversation, text is null ? why : $"{why} Not sent: {text}");
    }

    /// <summary>Error codes in the words a user understands; the host's own message otherwise.</summary>
    private static string Explain(ErrorReply error) => error.Code switch
    {
        ErrorCodes.NameTaken => "That username is taken; pick another.",
        ErrorCodes.BadName => $"That username is not allowed: {error.Message}",
        ErrorCodes.WeakPassword => $"Password too short or too weak: {error.Message}",
        ErrorCodes.BadCredentials => "Wrong username or password.",
        ErrorCodes.BadNick => $"That nickname is not allowed: {error.Message}",
        ErrorCodes.NoSuchUser => "No such user.",
        ErrorCodes.UnsupportedProtocol => $"The host speaks another protocol version: {error.Message}",
        ErrorCodes.RateLimited => $"Slow down: {error.Message} (try again in {Math.Max(1, (error.RetryAfterMs ?? 1000) / 1000.0):0.#} s).",
        _ => $"The host refused: {error.Message}",
    };
}
