using Chat.Actors.Accounts;

namespace Chat.Specs.Accounts;

public sealed class PasswordHasherSpecs
{
    // Low cost keeps the specs fast; the production default is 600,000.
    private const int TestIterations = 1_000;

    private readonly PasswordHasher _hasher = new(TestIterations);

    [Fact]
    public void A_hashed_password_verifies()
    {
        var stored = _hasher.Hash("correct horse battery staple");

        Assert.Equal(PasswordHasher.Algorithm, stored.Split('$')[0]);
        Assert.Equal(PasswordVerification.Valid, _hasher.Verify("correct horse battery staple", stored));
    }

    [Fact]
    public void A_wrong_password_does_not_verify()
    {
        var stored = _hasher.Hash("correct horse battery staple");

        Assert.False(_hasher.Verify("correct horse battery stapler", stored).IsValid);
        Assert.False(_hasher.Verify("", stored).IsValid);
    }

    [Fact]
    public void The_same_password_gets_a_different_salt_each_time()
    {
        var first = _hasher.Hash("same password");
        var second = _hasher.Hash("same password");

        Assert.NotEqual(first.Split('$')[2], second.Split('$')[2]);
        Assert.NotEqual(first, second);
        Assert.True(_hasher.Verify("same password", first).IsValid);
        Assert.True(_hasher.Verify("same password", second).IsValid);
    }

    [Fact]
    public void The_stored_string_names_algorithm_cost_salt_and_hash()
    {
        var parts = _hasher.Hash("pw").Split('$');

        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("1000", parts[1]);
        Assert.Equal(PasswordHasher.SaltBytes, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(PasswordHasher.HashBytes, Convert.FromBase64String(parts[3]).Length);
    }

    [Theory]
    [InlineData("correct horse battery staple", "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=")]
    [InlineData("pässwörd 🔑", "pbkdf2-sha256$1000$ZGVmZ2hpamtsbW5vcHFycw==$eogaGLTAChZlHDVIETWsqFccK8iPluTmZSr3hLmljGo=")]
    public void Verifies_hashes_made_by_another_pbkdf2_implementation(string password, string storedByPythonHashlib)
    {
        // Made with Python's hashlib.pbkdf2_hmac over the UTF-8 bytes: the format is plain
        // PBKDF2, so other tools (a PostgreSQL-side migration, an admin script) can read it.
        Assert.Equal(PasswordVerification.Valid, _hasher.Verify(password, storedByPythonHashlib));
    }

    [Fact]
    public void A_hash_made_at_a_lower_cost_is_valid_but_needs_a_rehash()
    {
        var storedCheaply = new PasswordHasher(TestIterations).Hash("pw");
        var raisedCost = new PasswordHasher(TestIterations * 2);

        Assert.Equal(PasswordVerification.ValidButNeedsRehash, raisedCost.Verify("pw", storedCheaply));
        Assert.Equal(PasswordVerification.Invalid, raisedCost.Verify("wrong", storedCheaply));
    }

    [Fact]
    public void A_hash_made_at_a_higher_cost_needs_no_rehash()
    {
        var storedExpensively = new PasswordHasher(TestIterations * 2).Hash("pw");

        Assert.Equal(PasswordVerification.Valid, _hasher.Verify("pw", storedExpensively));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("pbkdf2-sha256")]
    [InlineData("pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==")]
    [InlineData("pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=$extra")]
    [InlineData("pbkdf2-sha1$1000$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=")]
    [InlineData("PBKDF2-SHA256$1000$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=")]
    [InlineData("pbkdf2-sha256$many$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=")]
    [InlineData("pbkdf2-sha256$0$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=")]
    [InlineData("pbkdf2-sha256$-1000$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=")]
    [InlineData("pbkdf2-sha256$ 1000$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=")]
    [InlineData("pbkdf2-sha256$99999999999$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=")]
    [InlineData("pbkdf2-sha256$1000$not base64!$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=")]
    [InlineData("pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$not base64!")]
    [InlineData("pbkdf2-sha256$1000$AAECAw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=")]
    [InlineData("pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKg==")]
    [InlineData("pbkdf2-sha256$1000$$")]
    public void A_malformed_stored_hash_is_invalid_and_never_throws(string? stored)
    {
        Assert.Equal(PasswordVerification.Invalid, _hasher.Verify("correct horse battery staple", stored));
    }

    [Fact]
    public void A_stored_hash_with_an_oversized_part_is_invalid()
    {
        var oversized = Convert.ToBase64String(new byte[4096]);

        Assert.False(_hasher.Verify("pw", $"pbkdf2-sha256$1000${oversized}${oversized}").IsValid);
    }

    [Fact]
    public void Verifying_against_the_dummy_never_succeeds()
    {
        Assert.Equal(PasswordVerification.Invalid, _hasher.VerifyAgainstDummy("correct horse battery staple"));
        Assert.Equal(PasswordVerification.Invalid, _hasher.VerifyAgainstDummy(""));
    }

    [Fact]
    public void The_cost_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordHasher(0));
    }

    [Fact]
    public void The_default_verification_is_invalid()
    {
        Assert.False(default(PasswordVerification).IsValid);
        Assert.False(default(PasswordVerification).NeedsRehash);
    }
}
