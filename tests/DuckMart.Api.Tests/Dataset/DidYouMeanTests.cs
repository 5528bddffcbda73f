using DuckMart.Api.Dataset;

namespace DuckMart.Api.Tests.Dataset;

public sealed class DidYouMeanTests
{
    private static readonly ValueCount[] Events =
        [new("LOGIN", 50), new("LOGOUT", 40), new("PAGE_VIEW", 30), new("ADDED_TO_CART", 20), new("PURCHASE_MADE", 10)];

    [Theory]
    [InlineData("LOGN", "LOGIN")]
    [InlineData("login", "LOGIN")]
    [InlineData("ADD_TO_CART", "ADDED_TO_CART")]
    [InlineData("PURCHASE", null)]
    [InlineData("SIGN_UP", null)]
    [InlineData("X", null)]
    public void Offers_only_a_near_word(string word, string? expected) =>
        DidYouMean.Closest(word, Events).Should().Be(expected);

    [Fact]
    public void Of_two_equally_near_words_the_first_listed_wins_and_lists_come_most_common_first() =>
        DidYouMean.Closest("LOGUT", [new("LOGIT", 5), new("LOGOUT", 9)]).Should().Be("LOGIT", "LOGIT is listed first");

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("Texas", "TEXAS", 0)]
    public void Distance_is_levenshtein_ignoring_case(string a, string b, int expected) =>
        DidYouMean.Distance(a, b).Should().Be(expected);
}
