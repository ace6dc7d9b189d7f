using Microsoft.Extensions.Logging.Console;

namespace Chat.Host.Hosting;

/// <summary>
/// Where the host's log goes and in what shape. Under systemd the host says when it is ready and
/// stopping (Type=notify) and logs with journald's priority prefixes; anywhere, "json" makes the
/// console log one JSON object a line, for journald's JSON fields and log shippers.
/// </summary>
/// <remarks>
/// What is logged never includes a password, a resume token or message text: the sites log
/// names, addresses, counts and codes only (the host-process specs search the log for them).
/// </remarks>
internal static class HostLogging
{
    public static void Configure(WebApplicationBuilder builder, ObservabilitySettings settings)
    {
        // Does nothing unless systemd started the process.
        builder.Services.AddSystemd();
        // Every scrape of /metrics would log four lines at Information.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // No formatter here prints scopes, and Kestrel opens one for every connection, held for
        // its life in the connection's async context: 152 bytes of every idle connection.
        builder.Services.Configure<LoggerFilterOptions>(filters => filters.CaptureScopes = false);
        if (!settings.JsonLogs)
            return;
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            json.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = ConsoleFormatterNames.Json);
    }
}
