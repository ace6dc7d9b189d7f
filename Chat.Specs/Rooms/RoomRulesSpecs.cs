using Chat.Actors.Rooms;

namespace Chat.Specs.Rooms;

public class RoomRulesSpecs
{
    [Theory]
    [InlineData("#Dev", "dev")]
    [InlineData("lobby", "lobby")]
    [InlineData(" ops-2 ", "ops-2")]
    public void Room_names_drop_the_hash_and_fold_case(string input, string expected)
    {
        Assert.True(RoomRules.TryNormalizeRoomName(input, out var room));
        Assert.Equal(expected, room);
    }

    [Theory]
    [InlineData("#")]
    [InlineData("a")]
    [InlineData("two words")]
    [InlineData("x123456789012345678901234567890123")]
    public void Bad_room_names_are_refused(string input)
    {
        Assert.False(RoomRules.TryNormalizeRoomName(input, out _));
    }
}
