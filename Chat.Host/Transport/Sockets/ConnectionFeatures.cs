using Microsoft.AspNetCore.Http.Features;

namespace Chat.Host.Transport.Sockets;

/// <summary>
/// The features of one connection (the socket, and what Kestrel's connection layer and the TLS
/// middleware add): a handful per connection, so a short array, which costs less per connection
/// than a dictionary.
/// </summary>
internal sealed class ConnectionFeatures : IFeatureCollection
{
    private KeyValuePair<Type, object>[] _features = [];

    public bool IsReadOnly => false;

    public int Revision { get; private set; }

    public object? this[Type key]
    {
        get
        {
            foreach (var feature in _features)
            {
                if (feature.Key == key)
                    return feature.Value;
            }
            return null;
        }
        set
        {
            var index = IndexOf(key);
            if (value is null)
            {
                if (index >= 0)
                    _features = [.. _features[..index], .. _features[(index + 1)..]];
            }
            else if (index >= 0)
            {
                _features[index] = new(key, value);
            }
            else
            {
                _features = [.. _features, new(key, value)];
            }
            Revision++;
        }
    }

    public TFeature? Get<TFeature>() => (TFeature?)this[typeof(TFeature)];

    public void Set<TFeature>(TFeature? instance) => this[typeof(TFeature)] = instance;

    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<Type, object>>)_features).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(Type key)
    {
        for (var i = 0; i < _features.Length; i++)
        {
            if (_features[i].Key == key)
                return i;
        }
        return -1;
    }
}
