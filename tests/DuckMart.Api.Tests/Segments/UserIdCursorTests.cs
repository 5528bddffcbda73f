using DuckMart.Api.Segments;

namespace DuckMart.Api.Tests.Segments;

public class UserIdCursorTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(124772L)]
    [InlineData(long.MaxValue)]
    [InlineData(-5L)]
    public void A_cursor_decodes_to_the_id_it_was_made_from(long id)
    {
        var cursor = UserIdCursor.Encode(id);

        UserIdCursor.TryDecode(cursor, out var decoded).Should().BeTrue();
        decoded.Should().Be(id);
    }

    [Fact]
    public void A_cursor_is_url_safe_and_does_not_show_the_id()
    {
        var cursor = UserIdCursor.Encode(124772);

        cursor.Should().MatchRegex("^[A-Za-z0-9_-]+$").And.NotContain("124772");
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("not base64!")]
    [InlineData("dTo=")] // "u:" padded, no id
    [InlineData("eDo0Mg")] // "x:42": wrong prefix
    [InlineData("dTo0Mmxs")] // "u:42ll"
    [InlineData("dTogNDI")] // "u: 42": not the canonical spelling
    public void Anything_the_server_did_not_hand_out_is_refused(string cursor) =>
        UserIdCursor.TryDecode(cursor, out _).Should().BeFalse();

    [Fact]
    public void A_null_cursor_is_refused() => UserIdCursor.TryDecode(null, out _).Should().BeFalse();
}
