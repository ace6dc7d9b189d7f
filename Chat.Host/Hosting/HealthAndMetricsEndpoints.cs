using System.Net;
using Akka.Actor;
using Akka.Hosting;
using Chat.Actors.Rooms;
using Chat.Actors.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;

namespace Chat.Host.Hosting;

/// <summary>
/// The HTTP side of the host, for whoever runs it: /healthz and /metrics (Prometheus text, from
/// prometheus-net, which also exports every System.Diagnostics.Metrics meter: the chat's own
/// <see cref="Chat.Actors.Telemetry.ChatMetrics"/> and the runtime's GC and thread-pool figures).
/// Off unless a port is configured, and then on loopback only: a scraper on the box, or an SSH
/// tunnel, reaches it; the network does not.
/// </summary>
internal static class HealthAndMetricsEndpoints
{
    public static void Listen(KestrelServerOptions kestrel, ObservabilitySettings settings)
    {
        if (settings.MetricsPort is { } port)
            kestrel.Listen(IPAddress.Loopback, port);
    }

    /// <summary>
    /// prometheus-net would start listening to meters at the first scrape, losing what happened
    /// before it; this starts it with the host, once per process, with buckets that resolve the
    /// sub-millisecond durations of a fan-out or a commit. Counters stay a day unchanged before they expire: the chat's
    /// label sets are few and fixed (prometheus-net allows a day at most).
    /// </summary>
    private static readonly Lazy<IDisposable> MeterExport = new(() =>
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true });
        return MeterAdapter.StartListening(new MeterAdapterOptions
        {
            ResolveHistogramBuckets = _ => Prometheus.Histogram.ExponentialBuckets(0.0001, 2, 18),
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
    });

    public static void Map(WebApplication app, ObservabilitySettings settings)
    {
        if (settings.MetricsPort is null)
            return;
        _ = MeterExport.Value;
        app.MapGet("/healthz", async (IChatStore store, ActorSystem system, ActorRegistry registry, CancellationToken cancellationToken) =>
        {
            var rooms = await registry.GetAsync<RoomSupervisor>(cancellationToken).ConfigureAwait(false);
            var report = await HostHealth.CheckAsync(store, system, rooms, cancellationToken).ConfigureAwait(false);
            return Results.Text(report.Text, "text/plain; charset=utf-8", statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapMetrics("/metrics");
    }
}
