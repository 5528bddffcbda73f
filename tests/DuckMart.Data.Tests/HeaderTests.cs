using DuckMart.Data.Ingest;
using DuckMart.Data.Publishing;

namespace DuckMart.Data.Tests;

public class HeaderTests
{
    private const string Events = IngestRun.EventsHeader + "\n";

    [Theory]
    [InlineData("user_id,name,age,gender,location,signup_date,subscription_plan,device_type")]
    [InlineData("User ID,Name,Age,Gender,Location,Signup Date,Subscription Plan,Device Type")]
    [InlineData("userId,name,age,gender,location,signupDate,subscriptionPlan,deviceType")]
    [InlineData("USER_ID,NAME,AGE,GENDER,LOCATION,SIGNUP_DATE,SUBSCRIPTION_PLAN,DEVICE_TYPE")]
    [InlineData(" user id , name , age , gender , location , signup_date , subscription__plan , device type ")]
    public void Header_names_match_ignoring_case_spaces_and_underscores(string header)
    {
        using var run = IngestRun.Of($"{header}\n1,Ann,30,Female,California,2024-01-15,Free,iOS\n", Events);

        run.Query("SELECT user_id, name, age, gender, location, subscription_plan, device_type FROM users").Single()
            .Should().Equal(1L, "Ann", 30, "Female", "California", "Free", "iOS");
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_extra_columns_are_ignored()
    {
        var users = "email,device_type,subscription_plan,signup_date,location,gender,age,name,user_id\n"
            + "a@b.c,iOS,Free,2024-01-15,California,Female,30,Ann,1\n";
        var events = "timestamp,source,event_name,user_id\n2024-03-01T10:00:00Z,web,LOGIN,1\n";

        using var run = IngestRun.Of(users, events);

        run.Query("SELECT user_id, name, age, gender, location, subscription_plan, device_type FROM users").Single()
            .Should().Equal(1L, "Ann", 30, "Female", "California", "Free", "iOS");
        run.Query("SELECT user_id, event_name FROM events").Single().Should().Equal(1L, "LOGIN");
        run.Rejects(TransformedFiles.RejectedUsers)[0].Should().Equal(
            "line", "reason", "email", "device_type", "subscription_plan", "signup_date", "location", "gender", "age", "name", "user_id");
    }

    [Theory]
    [InlineData("users.csv", "user_id,name,age,gender,location,subscription_plan,device_type", "signup_date")]
    [InlineData("events.csv", "user_id,event_name,time", "timestamp")]
    public void A_missing_required_column_is_one_clear_error_and_leaves_the_database_untouched(string file, string header, string missing)
    {
        using var run = IngestRun.Of(
            $"{IngestRun.UsersHeader}\n1,Ann,30,,,2024-01-01,,\n",
            $"{IngestRun.EventsHeader}\n1,LOGIN,2024-03-01T10:00:00Z\n");
        var before = File.ReadAllBytes(run.Database);
        var users = file == "users.csv" ? $"{header}\n2,Bob,30,,,,\n" : $"{IngestRun.UsersHeader}\n2,Bob,30,,,,,\n";
        var events = file == "events.csv" ? $"{header}\n2,LOGIN,2024-03-01T10:00:00Z\n" : Events;

        var act = () => run.Ingest(users, events);

        act.Should().Throw<IngestException>()
            .Which.Message.Should().StartWith($"{file}: missing required column {missing}").And.NotContain("\n");
        File.ReadAllBytes(run.Database).Should().Equal(before);
        run.Query("SELECT user_id FROM users").Single()[0].Should().Be(1L);
    }

    [Fact]
    public void An_empty_file_has_no_header_row()
    {
        using var dir = new TempDirectory();
        var users = dir.Write("users.csv", "");
        var events = dir.Write("events.csv", Events);

        var act = () => new IngestPipeline().TransformAsync(users, events, dir.File("out")).GetAwaiter().GetResult();

        act.Should().Throw<IngestException>().WithMessage("users.csv: no header row*");
        Directory.Exists(dir.File("out")).Should().BeFalse();
    }

    [Fact]
    public void A_missing_file_is_reported_by_name()
    {
        using var dir = new TempDirectory();
        var events = dir.Write("events.csv", Events);

        var act = () => new IngestPipeline().TransformAsync(dir.File("nope.csv"), events, dir.File("out")).GetAwaiter().GetResult();

        act.Should().Throw<IngestException>().WithMessage("*nope.csv: file not found");
    }

    [Fact]
    public void Loading_a_directory_that_transform_did_not_write_is_a_clear_error()
    {
        using var dir = new TempDirectory();

        var act = () => new DatabasePublisher().PublishAsync(dir.Path, dir.File("x.duckdb")).GetAwaiter().GetResult();

        act.Should().Throw<IngestException>().WithMessage("*no users.parquet*");
    }
}
