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

/// <summary>Connect + log in + join for every client, from the first connect to the last "joined".</summary>
internal sealed record ConnectFigures(double Seconds, double PerSecond, int Failed, double? HostCpuSeconds, double GeneratorCpuSeconds);

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
