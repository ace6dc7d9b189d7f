using Chat.Actors.Identity;

namespace Chat.Specs.Identity;

public sealed class NameSkeletonSpecs
{
    [Theory]
    [InlineData("Alice")]
    [InlineData("ALICE")]
    [InlineData("\u0430lice")] // Cyrillic а
    [InlineData("\uFF41\uFF4C\uFF49\uFF43\uFF45")] // fullwidth ａｌｉｃｅ
    [InlineData("\u0251lice")] // Latin alpha ɑ
    [InlineData("a1ice")] // digit one for l
    [InlineData("\uD835\uDC1Alice")] // mathematical bold 𝐚
    public void Look_alikes_of_alice_share_a_key_with_it(string lookAlike) =>
        Assert.NotEmpty(NameSkeleton.Keys("alice").Intersect(NameSkeleton.Keys(lookAlike)));

    [Theory]
    [InlineData("b0b", "bob")]
    [InlineData("rn", "m")]
    [InlineData("Ian", "lan")] // capital I reads as l
    [InlineData("Ian", "ian")] // and is still the same name in lower case
    [InlineData("caf\u00E9", "cafe\u0301")] // composed and decomposed é
    public void Names_that_read_alike_share_a_key(string one, string other) =>
        Assert.NotEmpty(NameSkeleton.Keys(one).Intersect(NameSkeleton.Keys(other)));

    [Theory]
    [InlineData("alice", "bob")]
    [InlineData("alice", "alicia")]
    [InlineData("anna", "hanna")]
    [InlineData("lan", "ian")] // lower-case i and l do not read alike
    public void Different_names_do_not_share_a_key(string one, string other) =>
        Assert.Empty(NameSkeleton.Keys(one).Intersect(NameSkeleton.Keys(other)));

    [Fact]
    public void The_skeleton_is_unicodes_mapping_not_a_hand_made_list()
    {
        // A few of the 6,311 rows of confusables.txt 13.0.0, from scripts a hand list forgets.
        Assert.Equal("rn", NameSkeleton.Skeleton("m"));
        Assert.Equal("A", NameSkeleton.Skeleton("\u13AA")); // Cherokee Ꭺ
        Assert.Equal("O", NameSkeleton.Skeleton("\u0555")); // Armenian Օ
        Assert.Equal("l", NameSkeleton.Skeleton("\u05C0")); // Hebrew paseq
    }
}
