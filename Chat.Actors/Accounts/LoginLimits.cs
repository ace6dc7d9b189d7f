namespace Chat.Actors.Accounts;

/// <summary>Limits on guessing passwords and creating accounts, from the HOCON "chat.auth" section.</summary>
public sealed record LoginLimits
{
    /// <summary>Failed logins per username (and per address) that cost nothing extra.</summary>
    public int FreeFailures { get; init; } = 5;
    /// <summary>The wait after the first failure past the free ones; it doubles with each further failure.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Failures older than this are forgotten.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>Accounts one address may create at once, then <see cref="RegistrationsPerHour"/>.</summary>
    public int RegistrationBurst { get; init; } = 5;
    public double RegistrationsPerHour { get; init; } = 10;
    public const int DefaultMaxTrackedKeys = 100_000;
    /// <summary>Usernames and addresses the failed-login table (and addresses the registration table) hold at most.</summary>
    public int MaxTrackedKeys { get; init; } = DefaultMaxTrackedKeys;
    /// <summary>How long a resume token stays valid if it is not used.</summary>
    public TimeSpan ResumeTokenLifetime { get; init; } = TimeSpan.FromDays(14);
}
