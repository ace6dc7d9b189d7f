using System.Diagnostics.Metrics;
using Chat.Actors.Telemetry;

namespace Chat.Specs.Support;

/// <summary>What the host's transport reports of the connections with the given bound (counts, not timings).</summary>
public sealed class InboundMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly int _bound;
    private int _mostInFlight;
    private long _readPauses;

    public InboundMeasurements(int bound)
    {
        _bound = bound;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ChatMetrics.MeterName && instrument.Name is "inbound.in_flight" or "inbound.read_pauses")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            if (IsOurs(tags))
                InterlockedMax(value);
        });
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (IsOurs(tags))
                Interlocked.Add(ref _readPauses, value);
        });
        _listener.Start();
    }

    public int MostInFlight => Volatile.Read(ref _mostInFlight);
    public long ReadPauses => Interlocked.Read(ref _readPauses);

    private bool IsOurs(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag.Key == "bound" && tag.Value is int bound && bound == _bound)
                return true;
        return false;
    }

    private void InterlockedMax(int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref _mostInFlight)) && Interlocked.CompareExchange(ref _mostInFlight, value, seen) != seen)
        {
        }
    }

    public void Dispose() => _listener.Dispose();
}
