using Chat.Protocol;

namespace Chat.Tui.Commands;

/// <summary>
/// What commands can ask of the chat: the view-model's verbs. Commands decide which to call and
/// when to refuse; the view-model does the sending and shows the answers.
/// </summary>
public interface IChatCommands
{
    /// <summary>The room on screen; null when a direct conversation is.</summary>
    string? CurrentRoom { get; }

    /// <summary>The other user of the direct conversation on screen; null when a room is.</summary>
    string? CurrentPeer { get; }

    /// <summary>Who sent the last DM received; null when nobody has.</summary>
    string? LastDirectFrom { get; }

    void SayHere(string text);

    void SendDirect(string to, string text);

    void ChangeNick(string nick);

    void AskWho();

    void Join(string room);

    void Leave(string room);

    /// <summary>Closes the direct conversation with that user here and on the host's kept list; a new DM opens it again.</summary>
    void CloseDirect(string peer);

    void ListRooms();

    /// <summary>Searches the conversation on screen; the hits show there with their times.</summary>
    void Search(string text);

    /// <summary>Shows the lines around hit <paramref name="number"/> (from 1) of the last search here; a hint when there is no such hit.</summary>
    string? JumpToHit(int number);

    void GoAway(string? reason);

    void ComeBack();

    void AskWhois(string user);

    /// <summary>Asks for the old password and the new one twice, out of the log and the input history (a dialog).</summary>
    void AskPasswordChange();

    /// <summary>Ends every other terminal of the account and every saved login (resume token); this one stays.</summary>
    void LogOutEverywhere();

    /// <summary>Sends a moderation or ignore request; the host decides, and a refusal is shown where it was asked.</summary>
    void Moderate(ClientFrame request);

    /// <summary>Local lines in the conversation on screen.</summary>
    void Tell(IEnumerable<string> lines);

    /// <summary>On, off, or the other way (null); returns the new setting.</summary>
    bool SetBell(bool? on);

    void Quit();
}
