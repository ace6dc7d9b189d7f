namespace Chat.Specs.Irc;

/// <summary>A spec that runs Debian's ii, a real IRC client: skipped where it is missing, except under CI, which installs it (.ci/run).</summary>
public sealed class IiFactAttribute : FactAttribute
{
    public const string IiPath = "/usr/bin/ii";

    public IiFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") is not { Length: > 0 } && !File.Exists(IiPath))
            Skip = $"needs {IiPath}: apt-get install -y ii";
    }
}
