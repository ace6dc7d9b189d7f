using System.Text.Json.Serialization;

namespace Chat.Bench.Load;

/// <summary>Everything one invocation measured; sections are null when the scenario had no such phase.</summary>
internal sealed record LoadReport(
    string Scenario,
    string Protocol,
    string Server,
    int Clients,
    int Senders,
    string? HostConfig,
    ConnectFigures? Connect,
    IReadOnlyList<SendFigures> Rates,
    double? MaxPassingRate,
    IdleFigures? Idle,
    double MachineLoadAtEnd);

/// <summary>
/// Connect + log in + join for every client, from the first connect to the last "joined".
/// <see cref="PasswordFallbacks"/> (resume runs only) counts clients that had no unspent token
/// left (their previous resume was cut off before its "ok") and logged in with the password.
/// </summary>
internal sealed record ConnectFigures(
    double Seconds, double PerSecond, int Failed, double? HostCpuSeconds, double GeneratorCpuSeconds, LoginMethod Login, int? PasswordFallbacks);

/// <summary>How the clients logged in: the connect figure means something else for each.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LoginMethod>))]
internal enum LoginMethod
{
    [JsonStringEnumMemberName("password")] Password,
    [JsonStringEnumMemberName("resume_token")] ResumeToken,
    /// <summary>IRC: NICK/USER, there are no accounts.</summary>
    [JsonStringEnumMemberName("irc_nick")] IrcNick,
}

/// <summary>One measured window at one offered rate.</summary>
internal sealed record SendFigures(
    double OfferedRate,
    long Sent,
    long Expected,
    long Delivered,
    double DeliveredPercent,
    double DeliveriesPerSecond,
    LatencyFigures LatencyMs,
    long OutOfOrder,
    int Disconnected,
    double? HostCpuSeconds,
    double? HostCpuPercent,
    double? HostPeakRssMib,
    double GeneratorCpuSeconds,
    double GeneratorBusyPercent,
    bool Passed);

internal sealed record LatencyFigures(double P50, double P90, double P99, double P999, double Max);

/// <summary>The server's memory while every client is connected, logged in and idle.</summary>
internal sealed record IdleFigures(int Connections, double RssBeforeMib, double RssAfterMib, double PeakRssMib, double KibPerConnection);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoadReport))]
internal sealed partial class LoadJson : JsonSerializerContext;
