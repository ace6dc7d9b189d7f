using Chat.Tui.Session;

namespace Chat.Tui;

/// <summary>
/// The optional configuration file, $XDG_CONFIG_HOME/chat/client.conf (~/.config/chat/client.conf
/// without it): "key = value" lines, '#' comments. Keys: server (HOST:PORT, or a cluster's
/// nodes as a:7777,b:7777), user (the username
/// the welcome form starts with), theme (color or mono), bell (on or off). Flags override it.
/// A missing, unreadable or unusable file is no file: the client starts anyway, as under SSH
/// ForceCommand with no $HOME or a read-only one. The client never writes it.
/// </summary>
public sealed record ClientConfig(ServerList? Server = null, string? User = null, bool? Color = null, bool? Bell = null)
{
    public static ClientConfig None { get; } = new();

    /// <summary>Where the file is looked for; null when neither $XDG_CONFIG_HOME nor $HOME is set.</summary>
    public static string? PathFrom(Func<string, string?> environment)
    {
        if (environment("XDG_CONFIG_HOME") is { Length: > 0 } config)
            return Path.Combine(config, "chat", "client.conf");
        return environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".config", "chat", "client.conf") : null;
    }

    /// <summary>Reads the file if there is one; problems in it come out as lines to print, and the rest still applies.</summary>
    public static ClientConfig Load(Func<string, string?> environment, out IReadOnlyList<string> problems)
    {
        problems = [];
        if (PathFrom(environment) is not { } path)
            return None;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return None;
        }
        return Parse(text, path, out problems);
    }

    public static ClientConfig Parse(string text, string source, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var config = None;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var equals = line.IndexOf('=');
            var key = equals < 0 ? line : line[..equals].Trim().ToLowerInvariant();
            var value = equals < 0 ? "" : line[(equals + 1)..].Trim();
            string? why = null;
            ClientConfig? next = key switch
            {
                "server" when ServerList.TryParse(value, out var server, out why) => config with { Server = server },
                "user" when value.Length > 0 => config with { User = value },
                "theme" when value is "color" or "colour" or "mono" => config with { Color = value != "mono" },
                "bell" when value is "on" or "off" => config with { Bell = value == "on" },
                _ => null,
            };
            if (next is null)
                found.Add(why is not null
                    ? $"{source}:{number}: ignored \"{line}\": {why}"
                    : $"{source}:{number}: ignored \"{line}\" (keys: server = HOST:PORT or a:7777,b:7777, user = NAME, theme = color|mono, bell = on|off)");
            config = next ?? config;
        }
        problems = found;
        return config;
    }
}
