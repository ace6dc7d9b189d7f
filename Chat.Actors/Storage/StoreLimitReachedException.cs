namespace Chat.Actors.Storage;

/// <summary>
/// A write the store refused because a bound was reached (nothing was written). It carries the
/// protocol error code the asker gets, so actors pass it on instead of reporting a failure.
/// </summary>
public sealed class StoreLimitReachedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
