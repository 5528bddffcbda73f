using DuckMart.Data.Ingest;

namespace DuckMart.Data.Tests;

/// <summary>Each users.csv rule of CONTRACT.md "CSV input": the breaking row is in the rejects file with its line and reason, and nowhere in the database.</summary>
public class UserRulesTests
{
    private const string Good = "1,Ann,30,Female,California,2024-01-15,Free,iOS";
    private const string Events = IngestRun.EventsHeader + "\n";

    [Theory]
    [InlineData(",BAD,30,,,2024-01-01,,", RejectReasons.UserIdMissing)]
    [InlineData("  ,BAD,30,,,2024-01-01,,", RejectReasons.UserIdMissing)]
    [InlineData("x7,BAD,30,,,2024-01-01,,", RejectReasons.UserIdNotInteger)]
    [InlineData("7.5,BAD,30,,,2024-01-01,,", RejectReasons.UserIdNotInteger)]
    [InlineData("7,BAD,thirty,,,2024-01-01,,", RejectReasons.AgeNotInteger)]
    [InlineData("7,BAD,30.5,,,2024-01-01,,", RejectReasons.AgeNotInteger)]
    [InlineData("7,BAD,151,,,2024-01-01,,", RejectReasons.AgeOutOfRange)]
    [InlineData("7,BAD,-1,,,2024-01-01,,", RejectReasons.AgeOutOfRange)]
    [InlineData("7,BAD,30,,,2024-02-30,,", RejectReasons.SignupDateInvalid)]
    [InlineData("7,BAD,30,,,13/1/2024,,", RejectReasons.SignupDateInvalid)]
    [InlineData("7,BAD,30,,,2024/01/01,,", RejectReasons.SignupDateInvalid)]
    [InlineData("7,BAD,30,,,yesterday,,", RejectReasons.SignupDateInvalid)]
    [InlineData("1,BAD,30,,,2024-01-01,,", RejectReasons.DuplicateUserId)]
    public void A_breaking_user_row_is_rejected_with_line_and_reason_and_not_loaded(string row, string reason)
    {
        using var run = IngestRun.Of($"{IngestRun.UsersHeader}\n{Good}\n{row}\n", Events);

        var rejects = run.Rejects(TransformedFiles.RejectedUsers);
        rejects[0][..3].Should().Equal("line", "reason", "user_id");
        rejects.Should().HaveCount(2);
        rejects[1][0].Should().Be("3");
        rejects[1][1].Should().Be(reason);
        rejects[1][3].Should().Be("BAD");
        run.Scalar("SELECT count(*) FROM users").Should().Be(1);
        run.Scalar("SELECT count(*) FROM users WHERE name = 'BAD'").Should().Be(0);
        run.Summary.Should().Be(new TransformSummary(1, 1, 0, 0));
    }

    [Fact]
    public void The_first_row_of_a_duplicate_id_wins_even_when_the_second_is_identical()
    {
        using var run = IngestRun.Of($"{IngestRun.UsersHeader}\n{Good}\n{Good}\n", Events);

        run.Query("SELECT user_id, name FROM users").Should().ContainSingle()
            .Which.Should().Equal(1L, "Ann");
        run.Rejects(TransformedFiles.RejectedUsers)[1][..2].Should().Equal("3", RejectReasons.DuplicateUserId);
    }

    [Fact]
    public void A_rejected_row_does_not_claim_its_id_for_a_later_valid_row()
    {
        using var run = IngestRun.Of($"{IngestRun.UsersHeader}\n7,First,abc,,,,,\n7,Second,40,,,,,\n", Events);

        run.Query("SELECT name, age FROM users").Should().ContainSingle().Which.Should().Equal("Second", 40);
    }

    [Fact]
    public void Strings_are_trimmed_and_empty_strings_are_null()
    {
        using var run = IngestRun.Of($"{IngestRun.UsersHeader}\n 5 ,  Ann Lee  ,  , \t, ,  ,\"  \",\n", Events);

        var row = run.Query("SELECT user_id, name, age, gender, location, signup_date, subscription_plan, device_type FROM users").Single();
        row.Should().Equal(5L, "Ann Lee", null, null, null, null, null, null);
    }

    [Fact]
    public void Signup_dates_are_read_as_iso_or_mockaroo_us_dates()
    {
        using var run = IngestRun.Of($"{IngestRun.UsersHeader}\n1,A,,,,2024-03-05,,\n2,B,,,,3/5/2024,,\n3,C,,,,12/31/2023,,\n", Events);

        run.Query("SELECT strftime(signup_date, '%Y-%m-%d') FROM users ORDER BY user_id").Select(r => r[0])
            .Should().Equal("2024-03-05", "2024-03-05", "2023-12-31");
    }

    [Fact]
    public void Ages_0_and_150_are_in_range()
    {
        using var run = IngestRun.Of($"{IngestRun.UsersHeader}\n1,A,0,,,,,\n2,B,150,,,,,\n", Events);

        run.Query("SELECT age FROM users ORDER BY user_id").Select(r => r[0]).Should().Equal(0, 150);
    }

    [Fact]
    public void Line_numbers_count_lines_inside_quoted_fields()
    {
        var users = $"{IngestRun.UsersHeader}\n1,\"Ann\nLee\",30,,,,,\n2,BAD,abc,,,,,\n";

        using var run = IngestRun.Of(users, Events);

        run.Rejects(TransformedFiles.RejectedUsers)[1][..2].Should().Equal("4", RejectReasons.AgeNotInteger);
        run.Query("SELECT name FROM users").Single()[0].Should().Be("Ann\nLee");
    }

    [Fact]
    public void Rejected_cells_that_look_like_formulas_are_defused()
    {
        using var run = IngestRun.Of($"{IngestRun.UsersHeader}\nx,=HYPERLINK(\"http://evil\"),@SUM(A1),+1,-2,,,\n", Events);

        var reject = run.Rejects(TransformedFiles.RejectedUsers)[1];
        reject[3].Should().Be("'=HYPERLINK(\"http://evil\")");
        reject[4].Should().Be("'@SUM(A1)");
        reject[5].Should().Be("'+1");
        reject[6].Should().Be("'-2");
    }
}
