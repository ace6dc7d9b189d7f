namespace Chat.Actors;

/// <summary>Counts per key that forget a key at zero, so the table holds only what is open or waiting.</summary>
public sealed class KeyedCounter
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int this[string key] => _counts.GetValueOrDefault(key);

    public void Add(string key, int delta)
    {
        var count = _counts.GetValueOrDefault(key) + delta;
        if (count <= 0)
            _counts.Remove(key);
        else
            _counts[key] = count;
    }
}
