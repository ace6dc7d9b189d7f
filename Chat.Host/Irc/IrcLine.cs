using System.Collections.Immutable;
using System.Text;

namespace Chat.Host.Irc;

/// <summary>
/// One IRC message (RFC 1459 / 2812 with IRCv3 message tags): <c>[@tags] [:source] COMMAND
/// params [:trailing]</c>. Parsing never throws: a line that is not a message comes back as null.
/// </summary>
public sealed record IrcLine(string Command, ImmutableArray<string> Params)
{
    public ImmutableDictionary<string, string> Tags { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? Source { get; init; }

    /// <summary>The n-th parameter, or "" when the client left it out.</summary>
    public string Arg(int n) => n < Params.Length ? Params[n] : "";

    public static IrcLine Of(string command, params string[] parameters) => new(command, [.. parameters]);

    public static IrcLine? Parse(string text)
    {
        var rest = text.AsSpan().TrimEnd("\r\n");
        var tags = ImmutableDictionary<string, string>.Empty;
        if (rest.StartsWith("@"))
        {
            var end = rest.IndexOf(' ');
            if (end < 0)
                return null;
            tags = ParseTags(rest[1..end].ToString());
            rest = rest[(end + 1)..].TrimStart(' ');
        }
        string? source = null;
        if (rest.StartsWith(":"))
        {
            var end = rest.IndexOf(' ');
            if (end < 0)
                return null;
            source = rest[1..end].ToString();
            rest = rest[(end + 1)..].TrimStart(' ');
        }
        var parameters = ImmutableArray.CreateBuilder<string>();
        string? command = null;
        while (!rest.IsEmpty)
        {
            if (command is not null && rest[0] == ':')
            {
                parameters.Add(rest[1..].ToString());
                break;
            }
            var end = rest.IndexOf(' ');
            var word = end < 0 ? rest : rest[..end];
            if (command is null)
                command = word.ToString().ToUpperInvariant();
            else
                parameters.Add(word.ToString());
            rest = end < 0 ? [] : rest[(end + 1)..].TrimStart(' ');
        }
        return command is null or "" ? null : new IrcLine(command, parameters.ToImmutable()) { Tags = tags, Source = source };
    }

    private static ImmutableDictionary<string, string> ParseTags(string text)
    {
        var tags = ImmutableDictionary.CreateBuilder<string, string>();
        foreach (var tag in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = tag.IndexOf('=');
            tags[equals < 0 ? tag : tag[..equals]] = equals < 0 ? "" : UnescapeTagValue(tag[(equals + 1)..]);
        }
        return tags.ToImmutable();
    }

    /// <summary>The message as sent: the last parameter becomes trailing when it must (empty, a space, or a leading ':') or by convention.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (!Tags.IsEmpty)
        {
            text.Append('@');
            text.AppendJoin(';', Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value.Length == 0 ? t.Key : $"{t.Key}={EscapeTagValue(t.Value)}"));
            text.Append(' ');
        }
        if (Source is not null)
            text.Append(':').Append(Source).Append(' ');
        text.Append(Command);
        for (var i = 0; i < Params.Length; i++)
        {
            var parameter = Params[i];
            var last = i == Params.Length - 1;
            text.Append(' ');
            if (last && (parameter.Length == 0 || parameter.Contains(' ') || parameter[0] == ':' || TextByConvention))
                text.Append(':');
            text.Append(parameter);
        }
        return text.ToString();
    }

    /// <summary>
    /// Message text and a numeric's words are written as a trailing parameter even when one word,
    /// as other servers do: some clients and tools look for " :" before the text.
    /// </summary>
    private bool TextByConvention => Params.Length >= 2 && (Command is "PRIVMSG" or "NOTICE" || Command.All(char.IsAsciiDigit));

    private static string EscapeTagValue(string value) =>
        value.Replace("\\", "\\\\").Replace(";", "\\:").Replace(" ", "\\s").Replace("\r", "\\r").Replace("\n", "\\n");

    private static string UnescapeTagValue(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i == value.Length - 1)
            {
                if (value[i] != '\\')
                    text.Append(value[i]);
                continue;
            }
            text.Append(value[++i] switch { ':' => ';', 's' => ' ', 'r' => '\r', 'n' => '\n', var other => other });
        }
        return text.ToString();
    }
}
