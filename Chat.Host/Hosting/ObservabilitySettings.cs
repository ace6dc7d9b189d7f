using Akka.Configuration;

namespace Chat.Host.Hosting;

/// <summary>
/// How the host shows itself to the people running it: the health and metrics listener (off
/// unless a port is given; loopback only) and the log format.
/// </summary>
/// <param name="MetricsPort">Null when the listener is off.</param>
/// <param name="JsonLogs">One JSON object a line instead of text.</param>
public sealed record ObservabilitySettings(int? MetricsPort = null, bool JsonLogs = false)
{
    public const string Text = "text";
    public const string Json = "json";

    /// <summary>HOCON chat.metrics.port and chat.logging.format, with the flags over them.</summary>
    public static ObservabilitySettings From(Config chat, ChatHostOptions options)
    {
        var port = options.MetricsPort ?? chat.GetInt("metrics.port", 0);
        if (port is < 0 or > 65535)
            throw new ArgumentException($"chat.metrics.port must be from 0 (off) to 65535, not {port}");
        var format = options.LogFormat ?? ParseLogFormat(chat.GetString("logging.format", Text));
        return new ObservabilitySettings(port == 0 ? null : port, format == Json);
    }

    public static string ParseLogFormat(string value) => value.Trim().ToLowerInvariant() switch
    {
        Text => Text,
        Json => Json,
        _ => throw new ArgumentException($"log format must be \"{Text}\" or \"{Json}\", not \"{value}\""),
    };
}
