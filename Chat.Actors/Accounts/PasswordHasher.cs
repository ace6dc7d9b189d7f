using System.Globalization;
using System.Security.Cryptography;

namespace Chat.Actors.Accounts;

/// <summary>
/// PBKDF2-HMAC-SHA256 password hashing with a per-password random salt. The stored string
/// names its algorithm and cost (<c>pbkdf2-sha256$600000$salt$hash</c>, salt and hash in
/// base64) so the cost can be raised later and old hashes upgraded on the next login.
/// Synchronous and CPU-bound by design: callers run it off their own thread.
/// </summary>
public sealed class PasswordHasher
{
    public const string Algorithm = "pbkdf2-sha256";
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    private const char Separator = '$';

    // Stack buffers for decoding must hold any base64 a well-formed string can carry;
    // longer parts are malformed anyway.
    private const int MaxDecodedBytes = 64;

    private readonly string _dummyHash;

    public PasswordHasher(int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Iterations = iterations;
        // Random bytes in the stored shape: verifying against it walks exactly the path of a
        // real verification at the configured cost, and no password can ever match it.
        _dummyHash = Format(iterations, RandomNumberGenerator.GetBytes(SaltBytes), RandomNumberGenerator.GetBytes(HashBytes));
    }

    /// <summary>The cost new hashes get; stored hashes below it need a rehash.</summary>
    public int Iterations { get; }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return Format(Iterations, salt, hash);
    }

    /// <summary>Checks a password against a stored hash. A stored value that is not one of ours is just <see cref="PasswordVerification.Invalid"/>.</summary>
    public PasswordVerification Verify(string password, string? storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!Matches(password, storedHash, out var storedIterations))
        {
            return PasswordVerification.Invalid;
        }

        return storedIterations < Iterations ? PasswordVerification.ValidButNeedsRehash : PasswordVerification.Valid;
    }

    /// <summary>
    /// Spends the time of a real verification at the configured cost and fails. Call it when
    /// the user does not exist, so an unknown user and a wrong password take the same time.
    /// </summary>
    public PasswordVerification VerifyAgainstDummy(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        _ = Matches(password, _dummyHash, out _);
        return PasswordVerification.Invalid;
    }

    private static string Format(int iterations, byte[] salt, byte[] hash) =>
        string.Join(
            Separator,
            Algorithm,
            iterations.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt),
            Convert.ToBase64String(hash));

    private static bool Matches(string password, string? storedHash, out int storedIterations)
    {
        Span<byte> salt = stackalloc byte[MaxDecodedBytes];
        Span<byte> expected = stackalloc byte[MaxDecodedBytes];
        if (!TryParse(storedHash, salt, expected, out storedIterations, out var saltLength, out var hashLength))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HashBytes];
        Rfc2898DeriveBytes.Pbkdf2(password, salt[..saltLength], actual, storedIterations, HashAlgorithmName.SHA256);
        return CryptographicOperations.FixedTimeEquals(actual, expected[..hashLength]);
    }

    private static bool TryParse(
        string? storedHash,
        Span<byte> salt,
        Span<byte> hash,
        out int iterations,
        out int saltLength,
        out int hashLength)
    {
        iterations = saltLength = hashLength = 0;
        if (storedHash is null)
        {
            return false;
        }

        var parts = storedHash.Split(Separator);
        return parts.Length == 4
            && parts[0] == Algorithm
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            && iterations > 0
            && Convert.TryFromBase64String(parts[2], salt, out saltLength)
            && saltLength == SaltBytes
            && Convert.TryFromBase64String(parts[3], hash, out hashLength)
            && hashLength == HashBytes;
    }
}
