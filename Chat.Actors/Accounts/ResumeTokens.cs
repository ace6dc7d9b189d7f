using System.Security.Cryptography;
using System.Text;

namespace Chat.Actors.Accounts;

/// <summary>
/// Resume tokens: 256 random bits, given to the client once, stored only as their SHA-256.
/// A fast hash is right here (unlike for passwords): a token has full entropy, so there is no
/// dictionary to try, and checking one must cost nothing at a mass reconnect.
/// </summary>
public static class ResumeTokens
{
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
