using System.Globalization;

namespace Chat.Protocol;

/// <summary>
/// A duration as people type it for a ban or a mute: a whole number and a unit, s, m, h, d or w
/// ("30m", "2h", "7d"). The client's !ban and !mute and the admin command's ban read it alike.
/// </summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is not { Length: >= 2 } || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            return false;
        var unit = char.ToLowerInvariant(text[^1]) switch
        {
            's' => 1L,
            'm' => 60L,
            'h' => 3600L,
            'd' => 86_400L,
            'w' => 604_800L,
            _ => 0L,
        };
        // Past ten years is not a duration anyone means; it is also where TimeSpan arithmetic stays safe.
        if (unit == 0 || count > 10L * 366 * 86_400 / unit)
            return false;
        duration = TimeSpan.FromSeconds(count * unit);
        return true;
    }
}
