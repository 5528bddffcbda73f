using DuckMart.Data.Ingest;

namespace DuckMart.Data.Tests;

/// <summary>Each events.csv rule of CONTRACT.md "CSV input".</summary>
public class EventRulesTests
{
    private const string Users = IngestRun.UsersHeader + "\n1,Ann,30,,,2024-01-01,,\n2,Bob,,,,2024-01-01,,\n";
    private const string Good = "1,LOGIN,2024-03-01T10:00:00Z";

    [Theory]
    [InlineData(",LOGIN,2024-03-01T11:00:00Z", RejectReasons.UserIdMissing)]
    [InlineData("one,LOGIN,2024-03-01T11:00:00Z", RejectReasons.UserIdNotInteger)]
    [InlineData("1,,2024-03-01T11:00:00Z", RejectReasons.EventNameEmpty)]
    [InlineData("1,  ,2024-03-01T11:00:00Z", RejectReasons.EventNameEmpty)]
    [InlineData("1,\" \",2024-03-01T11:00:00Z", RejectReasons.EventNameEmpty)]
    [InlineData("1,LOGIN,", RejectReasons.TimestampMissing)]
    [InlineData("1,LOGIN,2024-02-30T10:00:00Z", RejectReasons.TimestampInvalid)]
    [InlineData("1,LOGIN,2024-03-01T25:00:00Z", RejectReasons.TimestampInvalid)]
    [InlineData("1,LOGIN,2024-03-01T10:00:00", RejectReasons.TimestampInvalid)]
    [InlineData("1,LOGIN,03/01/2024 10:00", RejectReasons.TimestampInvalid)]
    [InlineData("1,LOGIN,yesterday", RejectReasons.TimestampInvalid)]
    [InlineData("1,LOGIN,2024-03-01T10:00:00+25:00", RejectReasons.TimestampInvalid)]
    [InlineData("99,LOGIN,2024-03-01T11:00:00Z", RejectReasons.UnknownUser)]
    public void A_breaking_event_row_is_rejected_with_line_and_reason_and_not_loaded(string row, string reason)
    {
        using var run = IngestRun.Of(Users, $"{IngestRun.EventsHeader}\n{Good}\n{row}\n");

        var rejects = run.Rejects(TransformedFiles.RejectedEvents);
        rejects[0].Should().Equal("line", "reason", "user_id", "event_name", "timestamp");
        rejects.Should().HaveCount(2);
        rejects[1][..2].Should().Equal("3", reason);
        run.Scalar("SELECT count(*) FROM events").Should().Be(1);
        run.Summary.Should().Be(new TransformSummary(2, 0, 1, 1));
    }

    [Fact]
    public void Events_of_a_rejected_user_are_orphans_and_rejected()
    {
        using var run = IngestRun.Of(
            Users + "3,Bad,abc,,,,,\n",
            $"{IngestRun.EventsHeader}\n3,LOGIN,2024-03-01T10:00:00Z\n");

        run.Rejects(TransformedFiles.RejectedEvents)[1][..2].Should().Equal("2", RejectReasons.UnknownUser);
        run.Scalar("SELECT count(*) FROM events").Should().Be(0);
    }

    [Theory]
    [InlineData("-login")]
    [InlineData("login-")]
    [InlineData("add\tto cart")]
    [InlineData("Ünïcode event")]
    [InlineData("view - -product")]
    public void Ingest_stores_event_names_exactly_as_a_segment_spec_spells_them(string raw)
    {
        using var run = IngestRun.Of(Users, $"{IngestRun.EventsHeader}\n1,\"{raw}\",2024-03-01T10:00:00Z\n");

        run.Query("SELECT event_name FROM events").Single()[0].Should().Be(Domain.EventNames.Normalize(raw));
    }

    [Theory]
    [InlineData("LOGIN", "LOGIN")]
    [InlineData(" added to cart", "ADDED_TO_CART")]
    [InlineData("Purchase   Made ", "PURCHASE_MADE")]
    [InlineData("page-view", "PAGE_VIEW")]
    [InlineData("view - -product", "VIEW_PRODUCT")]
    [InlineData("login", "LOGIN")]
    public void Event_names_are_normalised_to_upper_snake_case(string raw, string stored)
    {
        using var run = IngestRun.Of(Users, $"{IngestRun.EventsHeader}\n1,\"{raw}\",2024-03-01T10:00:00Z\n");

        run.Query("SELECT event_name FROM events").Single()[0].Should().Be(stored);
    }

    [Theory]
    [InlineData("2024-03-01T10:00:00Z", "2024-03-01 10:00:00")]
    [InlineData("2024-03-01t10:00:00z", "2024-03-01 10:00:00")]
    [InlineData("2024-03-01T10:00:00.250Z", "2024-03-01 10:00:00.25")]
    [InlineData("2024-03-01T10:00Z", "2024-03-01 10:00:00")]
    [InlineData("2024-03-01T10:00:00+02:00", "2024-03-01 08:00:00")]
    [InlineData("2024-03-01T10:00:00-0530", "2024-03-01 15:30:00")]
    [InlineData("2024-03-01T01:00:00+03", "2024-02-29 22:00:00")]
    [InlineData("2024-03-01 10:00:00", "2024-03-01 10:00:00")]
    [InlineData("  2024-03-01 10:00:00  ", "2024-03-01 10:00:00")]
    public void Timestamps_are_stored_as_utc(string raw, string utc)
    {
        using var run = IngestRun.Of(Users, $"{IngestRun.EventsHeader}\n1,LOGIN,{raw}\n");

        run.Query("SELECT CAST(\"timestamp\" AS VARCHAR) FROM events").Single()[0].Should().Be(utc);
    }

    [Fact]
    public void Events_are_stored_sorted_by_name_user_and_time()
    {
        var events = $"{IngestRun.EventsHeader}\n2,LOGIN,2024-03-02T00:00:00Z\n1,SEARCH,2024-03-01T00:00:00Z\n1,LOGIN,2024-03-03T00:00:00Z\n1,LOGIN,2024-03-01T00:00:00Z\n";

        using var run = IngestRun.Of(Users, events);

        run.Query("SELECT user_id, event_name, day(\"timestamp\") FROM events").Select(r => $"{r[0]} {r[1]} {r[2]}")
            .Should().Equal("1 LOGIN 1", "1 LOGIN 3", "2 LOGIN 2", "1 SEARCH 1");
    }
}
