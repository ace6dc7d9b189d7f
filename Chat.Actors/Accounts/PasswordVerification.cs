namespace Chat.Actors.Accounts;

/// <summary>
/// The outcome of checking a password. Only the three meaningful combinations can be made,
/// and <c>default</c> is <see cref="Invalid"/>.
/// </summary>
public readonly record struct PasswordVerification
{
    public static readonly PasswordVerification Invalid = default;
    public static readonly PasswordVerification Valid = new(isValid: true, needsRehash: false);

    /// <summary>Correct, but stored with a lower cost than configured: store a fresh hash now that we know the password.</summary>
    public static readonly PasswordVerification ValidButNeedsRehash = new(isValid: true, needsRehash: true);

    private PasswordVerification(bool isValid, bool needsRehash)
    {
        IsValid = isValid;
        NeedsRehash = needsRehash;
    }

    public bool IsValid { get; }

    public bool NeedsRehash { get; }
}
