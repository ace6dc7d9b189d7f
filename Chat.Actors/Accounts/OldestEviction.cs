namespace Chat.Actors.Accounts;

/// <summary>
/// The hard bound of the auth actor's tables (failed logins, registration buckets): past the
/// bound, the entries used longest ago go, a tenth of the table at once, so a flood of new keys
/// costs one sort per tenth instead of a scan per key.
/// </summary>
internal static class OldestEviction
{
    public static void Trim<TValue>(Dictionary<string, TValue> table, int maxEntries, Func<TValue, TimeSpan> lastUsed)
    {
        if (table.Count <= maxEntries)
            return;
        var keep = maxEntries - maxEntries / 10;
        foreach (var (key, _) in table.OrderBy(entry => lastUsed(entry.Value)).Take(table.Count - keep).ToList())
            table.Remove(key);
    }
}
