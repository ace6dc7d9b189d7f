using System.Globalization;

namespace Chat.Bench.Load;

/// <summary>"--name value" pairs and bare "--flag"s, read by name with a default.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public BenchArguments(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null)
                    _values[pending] = null;
                pending = arg[2..];
            }
            else if (pending is not null)
            {
                _values[pending] = arg;
                pending = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument \"{arg}\"");
            }
        }
        if (pending is not null)
            _values[pending] = null;
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    public string Text(string name, string fallback) => Optional(name) ?? fallback;

    public string? Optional(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value ?? throw new ArgumentException($"--{name} needs a value") : null;
    }

    public int Int(string name, int fallback) => Optional(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Optional(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A misspelt option would silently run the default; refuse it instead.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}
