using System.Text;
using Chat.Actors.Sessions;
using Chat.Protocol;

namespace Chat.Host.Irc;

/// <summary>
/// What an IRC client's lines mean to the chat: registration (CAP, NICK, USER, PASS, SASL
/// PLAIN) here, and everything else as the same frames the chat's own client sends, to the same
/// session actor. No chat rule lives here: the host decides, and <see cref="IrcFrames"/> puts its
/// answers in IRC terms.
/// </summary>
public sealed class IrcCommands(IrcConnection irc)
{
    private readonly IrcChannelCommands _channelCommands = new(irc);
    private readonly IrcServerQueries _serverQueries = new(irc);
    private readonly IrcRosterReplies _rosters = new(irc);

    private const string NickServ = "NickServ";

    /// <summary>The most lines one CHATHISTORY request returns (the host's history page bound applies too).</summary>
    public const int MaxHistoryLines = 100;

    /// <summary>Handles one line; true when it sent the chat a message whose answer is still to come (see <see cref="IrcPending.EndsLine"/>).</summary>
    public bool Handle(IrcLine line)
    {
        lock (irc.Gate)
        {
            switch (line.Command)
            {
                case "CAP": Cap(line); return false;
                case "NICK": Nick(line.Arg(0)); return false;
                case "USER": User(line); return false;
                case "PASS": irc.Password = line.Arg(0); return false;
                case "AUTHENTICATE": Authenticate(line.Arg(0)); return false;
                case "PING": irc.Pong(line.Arg(0)); return false;
                case "PONG": irc.Tell(new PingAnswer()); return false;
                case "QUIT": irc.Close("Closing link: quit"); return false;
            }
            if (!irc.Registered)
            {
                irc.Numeric("451", "You have not registered");
                return false;
            }
            if (_serverQueries.TryHandle(line))
                return false;
            if (line.Command is "PRIVMSG" or "NOTICE" && IsToNickServ(line))
            {
                NickServCommand(line.Arg(1));
                return false;
            }
            if (irc.Username is null)
            {
                irc.Numeric("451", "Log in first: /msg NickServ IDENTIFY username password");
                return false;
            }
            return LoggedIn(line);
        }
    }

    private static bool IsToNickServ(IrcLine line) => line.Arg(0).Equals(NickServ, StringComparison.OrdinalIgnoreCase);

    private bool LoggedIn(IrcLine line)
    {
        if (line.Command is "PRIVMSG" or "NOTICE")
            return Message(line);
        if (_channelCommands.TryHandle(line))
            return false;
        switch (line.Command)
        {
            case "JOIN":
                if (line.Params.IsEmpty)
                {
                    irc.Numeric("461", "JOIN", "Not enough parameters");
                    return false;
                }
                foreach (var channel in line.Arg(0).Split(',', StringSplitOptions.RemoveEmptyEntries))
                    if (IrcNames.Room(channel) is not { } room)
                        irc.Numeric("403", channel, "No such channel");
                    else if (room == RoomNames.Lobby && !irc.LobbyShown && irc.Username is not null)
                        irc.ShowLobby();
                    else if (!irc.Channels.Contains(IrcNames.Channel(room)))
                        irc.Ask(new Join(room), new IrcPending("join", channel));
                    // Already in it: ignored, as IRC servers do.
                return false;
            case "PART" when line.Params.IsEmpty:
                irc.Numeric("461", "PART", "Not enough parameters");
                return false;
            case "PART":
                foreach (var channel in line.Arg(0).Split(',', StringSplitOptions.RemoveEmptyEntries))
                    if (IrcNames.Room(channel) == RoomNames.Lobby && irc.Username is not null)
                    {
                        if (irc.LobbyShown)
                            irc.HideLobby();
                        else
                            irc.Numeric("442", channel, "You're not on that channel");
                    }
                    else if (IrcNames.Room(channel) is { } room)
                        irc.Ask(new Leave(room), new IrcPending("part", channel));
                    else
                        irc.Numeric("403", channel, "No such channel");
                return false;
            case "NAMES":
                foreach (var channel in line.Arg(0).Split(',', StringSplitOptions.RemoveEmptyEntries))
                    if (IrcNames.Room(channel) is { } room)
                        irc.Ask(new Who(room), new IrcPending("names", channel));
                    else
                        irc.Numeric("366", channel, "End of /NAMES list.");
                if (line.Params.IsEmpty)
                    irc.Numeric("366", "*", "End of /NAMES list.");
                return false;
            case "WHO":
                _rosters.Ask(line.Arg(0));
                return false;
            case "WHOIS":
                var nick = line.Params.Length > 1 ? line.Arg(1) : line.Arg(0);
                irc.Ask(new Whois(irc.UsernameOf(nick)), new IrcPending("whois", nick));
                return false;
            case "AWAY":
                if (line.Arg(0).Length > 0)
                    irc.Ask(new SetAway(line.Arg(0)), new IrcPending("away"));
                else
                    irc.Ask(new Back(), new IrcPending("back"));
                return false;
            case "NICK":
                return false;
            case "LIST":
                irc.Ask(new ListRooms(), new IrcPending("list"));
                return false;
            case "CHATHISTORY":
                ChatHistory(line);
                return false;
            default:
                irc.Numeric("421", line.Command, "Unknown command");
                return false;
        }
    }

    /// <summary>
    /// IRCv3 draft/chathistory, the part the chat's history pages can answer: LATEST and BEFORE
    /// a msgid (a room line's msgid is "s" and its seq). The lines come back in a batch.
    /// </summary>
    private void ChatHistory(IrcLine line)
    {
        var subcommand = line.Arg(0).ToUpperInvariant();
        var target = line.Arg(1);
        if (subcommand is not ("LATEST" or "BEFORE"))
        {
            irc.FromServer("FAIL", "CHATHISTORY", "INVALID_PARAMS", subcommand, "Only LATEST and BEFORE are supported");
            return;
        }
        long? before = null;
        var reference = line.Arg(2);
        if (subcommand == "BEFORE")
        {
            // A room line's msgid is "s" and its seq, a DM's "d" and its id: what the host pages by.
            if (!(reference.Length > 7 && reference.StartsWith("msgid=", StringComparison.Ordinal) && reference[6] is 's' or 'd'
                  && long.TryParse(reference[7..], out var id)))
            {
                irc.FromServer("FAIL", "CHATHISTORY", "INVALID_PARAMS", reference, "BEFORE needs a msgid= reference");
                return;
            }
            before = id;
        }
        else if (reference != "*")
        {
            irc.FromServer("FAIL", "CHATHISTORY", "INVALID_PARAMS", reference, "LATEST supports * only");
            return;
        }
        if (!int.TryParse(line.Arg(3), out var limit) || limit < 1)
        {
            irc.FromServer("FAIL", "CHATHISTORY", "INVALID_PARAMS", line.Arg(3), "The limit must be a positive number");
            return;
        }
        limit = Math.Min(limit, MaxHistoryLines);
        var request = IrcNames.Room(target) is { } room
            ? new HistoryRequest(Room: room, Before: before, Limit: limit)
            : new HistoryRequest(With: irc.UsernameOf(target), Before: before, Limit: limit);
        irc.Ask(request, new IrcPending("chathistory", target));
    }

    private bool Message(IrcLine line)
    {
        var kind = line.Command == "NOTICE" ? "notice" : "privmsg";
        if (line.Params.Length < 2 || line.Arg(1).Length == 0)
        {
            if (kind == "privmsg")
                irc.Numeric(line.Params.IsEmpty ? "411" : "412", line.Params.IsEmpty ? "No recipient given (PRIVMSG)" : "No text to send");
            return false;
        }
        var text = IrcFormatting.Strip(Action(line.Arg(1)));
        // A target named twice gets the message once; past TARGMAX a target gets it not at all (407),
        // so one line is never more than SessionLimits.MaxTargetsPerLine requests (and never two to one room).
        var named = line.Arg(0).Split(',', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var targets = named.Take(SessionLimits.MaxTargetsPerLine).ToArray();
        if (kind == "privmsg")
            foreach (var refused in named.Skip(targets.Length))
                irc.Numeric("407", refused, $"Too many targets: at most {SessionLimits.MaxTargetsPerLine} a message, so it was not sent to this one");
        for (var i = 0; i < targets.Length; i++)
        {
            // One place in flight per line: the last target's answer frees it.
            var pending = new IrcPending(kind, targets[i], text, EndsLine: i == targets.Length - 1);
            var notice = kind == "notice" ? true : (bool?)null;
            if (IrcNames.Room(targets[i]) is { } room)
                irc.Ask(new Say(room, text) { Notice = notice }, pending);
            else
                irc.Ask(new SendDirect(irc.UsernameOf(targets[i]), text) { Notice = notice }, pending);
        }
        return targets.Length > 0;
    }

    /// <summary>A CTCP ACTION (/me) becomes the text a chat client shows: "* nick does".</summary>
    private string Action(string text) =>
        text.StartsWith("\u0001ACTION ", StringComparison.Ordinal) ? $"* {irc.Me} {text[8..].TrimEnd('\u0001')}" : text;

    private void Cap(IrcLine line)
    {
        switch (line.Arg(0).ToUpperInvariant())
        {
            case "LS":
                if (!irc.Registered)
                    irc.Negotiating = true;
                irc.FromServer("CAP", irc.Me, "LS", string.Join(' ', IrcConnection.SupportedCaps.Select(c => c == "sasl" ? "sasl=PLAIN" : c)));
                return;
            case "LIST":
                irc.FromServer("CAP", irc.Me, "LIST", string.Join(' ', irc.Caps));
                return;
            case "REQ":
                if (!irc.Registered)
                    irc.Negotiating = true;
                var asked = line.Arg(1).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (asked.All(cap => IrcConnection.SupportedCaps.Contains(cap.TrimStart('-'), StringComparer.OrdinalIgnoreCase)))
                {
                    foreach (var cap in asked)
                        if (cap.StartsWith('-'))
                            irc.Caps.Remove(cap[1..]);
                        else
                            irc.Caps.Add(cap);
                    irc.FromServer("CAP", irc.Me, "ACK", line.Arg(1));
                }
                else
                    irc.FromServer("CAP", irc.Me, "NAK", line.Arg(1));
                return;
            case "END":
                irc.Negotiating = false;
                TryRegister();
                return;
            default:
                irc.Numeric("410", line.Arg(0), "Invalid CAP command");
                return;
        }
    }

    private void Nick(string nick)
    {
        if (nick.Length == 0)
        {
            irc.Numeric("431", "No nickname given");
            return;
        }
        if (!IrcNames.IsValidNick(nick))
        {
            irc.Numeric("432", nick, "Erroneous nickname");
            return;
        }
        if (irc.Username is not null)
        {
            // The chat decides whether the nickname is free; its answer renames or refuses.
            irc.Ask(new ChangeNick(nick), new IrcPending("nick", nick));
            return;
        }
        var old = irc.Nick;
        irc.Nick = nick;
        if (irc.Registered && old is not null)
            irc.Emit(new IrcLine("NICK", [nick]) { Source = $"{old}!{irc.UserParam}@{IrcNames.UserHost}" });
        TryRegister();
    }

    private void User(IrcLine line)
    {
        if (irc.Registered)
        {
            irc.Numeric("462", "You may not reregister");
            return;
        }
        if (line.Params.Length < 4)
        {
            irc.Numeric("461", "USER", "Not enough parameters");
            return;
        }
        irc.UserParam = line.Arg(0);
        TryRegister();
    }

    /// <summary>NICK and USER are in and CAP negotiation is over: log in with PASS if given, else welcome now.</summary>
    private void TryRegister()
    {
        if (irc.Registered || irc.Nick is null || irc.UserParam is null || irc.Negotiating || irc.LoginInFlight)
            return;
        if (irc.Username is null && irc.Password is { Length: > 0 } pass)
        {
            var colon = pass.IndexOf(':');
            var (user, password) = colon > 0 ? (pass[..colon], pass[(colon + 1)..]) : (irc.UserParam, pass);
            irc.Password = null;
            irc.LoginInFlight = true;
            irc.Ask(new Login(user, password), new IrcPending("pass-login", user));
            return;
        }
        if (irc.Username is null && irc.GuestsAllowed)
        {
            irc.LoginInFlight = true;
            irc.AskAsGuest(irc.Nick);
            return;
        }
        irc.CompleteRegistration();
    }

    private void Authenticate(string argument)
    {
        if (!irc.Has("sasl") || irc.Username is not null)
        {
            irc.Numeric("904", "SASL authentication failed");
            return;
        }
        if (!irc.SaslPlainStarted)
        {
            if (!argument.Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
            {
                irc.Numeric("908", "PLAIN", "are available SASL mechanisms");
                irc.Numeric("904", "SASL authentication failed");
                return;
            }
            irc.SaslPlainStarted = true;
            irc.Emit(IrcLine.Of("AUTHENTICATE", "+"));
            return;
        }
        irc.SaslPlainStarted = false;
        if (argument == "*")
        {
            irc.Numeric("906", "SASL authentication aborted");
            return;
        }
        if (!TryDecodePlain(argument, out var user, out var password))
        {
            irc.Numeric("904", "SASL authentication failed");
            return;
        }
        irc.LoginInFlight = true;
        irc.Ask(new Login(user, password), new IrcPending("sasl-login", user));
    }

    private static bool TryDecodePlain(string base64, out string user, out string password)
    {
        user = password = "";
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\0');
            if (parts.Length != 3)
                return false;
            (user, password) = (parts[1].Length > 0 ? parts[1] : parts[0], parts[2]);
            return user.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void NickServCommand(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var verb = words.FirstOrDefault()?.ToUpperInvariant();
        switch (verb)
        {
            case "IDENTIFY" when words.Length is 2 or 3 && irc.Username is null:
                var (user, password) = words.Length == 3 ? (words[1], words[2]) : (irc.Me, words[1]);
                irc.Ask(new Login(user, password), new IrcPending("identify", user));
                return;
            case "REGISTER" when words.Length >= 2 && irc.Username is null:
                irc.Ask(new Register(irc.Me, words[1]), new IrcPending("register", irc.Me, words[1]));
                return;
            default:
                NickServSays(irc.Username is null
                    ? "Commands: IDENTIFY [username] password, REGISTER password"
                    : $"You are logged in as {irc.Username}.");
                return;
        }
    }

    private void NickServSays(string text) =>
        irc.Emit(new IrcLine("NOTICE", [irc.Me, text]) { Source = "NickServ!NickServ@services" });
}
