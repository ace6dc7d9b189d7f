using Chat.Protocol;

namespace Chat.Tui.Session;

/// <summary>
/// Requests to the host whose replies change what the views show: each reply is applied as a
/// state change through the dispatcher, and a link that breaks first is reported to the user in
/// the conversation the request came from, with the text that did not go out.
/// </summary>
public sealed class HostRequests(ChatState state, HostLink link)
{
    /// <summary>Sends a request in the background and applies its reply; <paramref name="text"/> is what the user typed, if anything.</summary>
    public void Send(ClientFrame frame, Action<Reply> onReply, string? text = null)
    {
        var conversation = state.Current;
        if (!link.IsConnected)
        {
            state.AddLocal(conversation, "Not sent: not connected to the host.");
            return;
        }
        Start(frame, onReply, broken => state.AddLocal(conversation, text is null
            ? $"Not done: {broken.Message}."
            : $"Not sent ({broken.Message}): {HostWords.Shorten(text)}"));
    }

    /// <summary>
    /// Sends a request whose failure the user need not hear about (a read mark, the roster after
    /// login: the next login sends them again); skipped while disconnected.
    /// </summary>
    /// <param name="onBroken">What to do when the link breaks first, if anything.</param>
    public void SendQuietly(ClientFrame frame, Action<Reply>? onReply = null, Action? onBroken = null)
    {
        if (link.IsConnected)
            Start(frame, onReply ?? (_ => { }), _ => onBroken?.Invoke());
    }

    /// <summary>Writes the request now and applies its reply, or <paramref name="onBroken"/> when the link ends first, through the dispatcher.</summary>
    public void Start(ClientFrame frame, Action<Reply> onReply, Action<IOException> onBroken)
    {
        // Started here, not inside the task: the frame is written before the next request's, so
        // lines typed (or pasted) quickly reach the host in the order they were typed.
        var replied = link.RequestAsync(frame, onReply);
        _ = Task.Run(async () =>
        {
            try
            {
                await replied.ConfigureAwait(false);
            }
            catch (IOException e)
            {
                link.Post(() => onBroken(e));
            }
        });
    }

    /// <summary>
    /// A question whose answer is shown in the conversation it was asked from, even if the user
    /// switched away meanwhile; any other reply is reported there.
    /// </summary>
    public void Ask<TAnswer>(ClientFrame question, Action<Conversation, TAnswer> onAnswer) where TAnswer : Reply
    {
        var asker = state.Current;
        Send(question, reply =>
        {
            if (reply is TAnswer answer)
                onAnswer(asker, answer);
            else
                ReportFailure(asker, reply, null);
        });
    }

    /// <summary>A request that is done when the host says ok; anything else is reported where it was asked.</summary>
    public void Do(ClientFrame frame, Action<Ok> onOk) => Ask<Ok>(frame, (_, ok) => onOk(ok));

    /// <summary>Every resume token of the account was revoked at our request; <paramref name="newPassword"/> logs in from now on, if given.</summary>
    public void TokensRevoked(string? newPassword = null) => link.TokensRevoked(newPassword);

    public void ReportFailure(Conversation conversation, Reply reply, string? text)
    {
        var why = HostWords.ExplainFailure(reply);
        state.AddLocal(conversation, text is null ? why : $"{why} Not sent: {HostWords.Shorten(text)}");
    }
}
