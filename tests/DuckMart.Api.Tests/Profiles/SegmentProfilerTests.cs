using DuckMart.Api.Profiles;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments.Spec;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Api.Tests.Profiles;

public sealed class SegmentProfilerTests : IDisposable
{
    private static readonly DateTime AsOf = new(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    private readonly DuckMartDb _db = new("Data Source=:memory:");

    public SegmentProfilerTests()
    {
        _db.Execute(Schema.CreateUsers);
        _db.Execute(Schema.CreateEvents);
        string[] places = ["Arizona", "Texas", "Ohio", "Utah", "Iowa", "Maine", "Idaho", "Kansas", "Nevada", "Oregon", "Alaska", "Hawaii"];
        for (var id = 1; id <= 24; id++)
        {
            _db.Insert(new User
            {
                UserId = id,
                Name = $"User {id}",
                Age = id == 24 ? null : 10 + (id * 3),
                Location = id <= 6 ? "California" : places[id % places.Length],
                SubscriptionPlan = id % 2 == 0 ? "Premium" : "Basic",
                DeviceType = id % 3 == 0 ? null : "iOS",
                Gender = "Female",
            });
        }

        // User 1: one event in the newest week and two in the oldest; user 7: one in the newest.
        // The event at asOf itself and the one 12 weeks + 1 s back fall outside the profile.
        Event(1, AsOf.AddHours(-1));
        Event(1, AsOf.AddDays(-84));
        Event(1, AsOf.AddDays(-83));
        Event(7, AsOf.AddDays(-2));
        Event(1, AsOf);
        Event(1, AsOf.AddDays(-84).AddSeconds(-1));
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Profile_counts_the_segment_and_everyone_in_the_same_buckets()
    {
        var profile = await SegmentProfiler.ProfileAsync(_db, u => u.Location == "California", Time(), CancellationToken.None);

        profile.Count.Should().Be(6);
        profile.Total.Should().Be(24);
        var location = profile.Dimensions.Single(d => d.Field == "location");
        location.Buckets.Should().ContainEquivalentOf(new ProfileBucket("California", 6, 6));
        location.Buckets.Where(b => b.Key != "other").Should().HaveCount(SegmentProfiler.TopLocations);
        location.Buckets.Sum(b => b.All).Should().Be(24, "the long tail is folded into 'other', never dropped");

        var plan = profile.Dimensions.Single(d => d.Field == "subscriptionPlan");
        plan.Buckets.Should().BeEquivalentTo([new ProfileBucket("Basic", 3, 12), new ProfileBucket("Premium", 3, 12)]);
        profile.Dimensions.Single(d => d.Field == "deviceType").Buckets.Should().ContainEquivalentOf(new ProfileBucket("unknown", 2, 8));
    }

    [Fact]
    public async Task Top_locations_are_the_segments_own_even_when_small_overall()
    {
        // User 11 lives in Hawaii (places[11]), as does only user 23: one of the smallest locations overall.
        var profile = await SegmentProfiler.ProfileAsync(_db, u => u.UserId == 11, Time(), CancellationToken.None);

        var location = profile.Dimensions.Single(d => d.Field == "location");
        location.Buckets[0].Should().Be(new ProfileBucket("Hawaii", 1, 2));
        location.Buckets.Sum(b => b.All).Should().Be(24);
    }

    [Fact]
    public async Task Age_bands_are_fixed_and_include_unknown()
    {
        var profile = await SegmentProfiler.ProfileAsync(_db, u => u.UserId <= 3, Time(), CancellationToken.None);

        var age = profile.Dimensions.Single(d => d.Field == "age");
        age.Buckets.Select(b => b.Key).Should().Equal("<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown");
        age.Buckets.Single(b => b.Key == "<18").Segment.Should().Be(2); // 13, 16
        age.Buckets.Single(b => b.Key == "18-24").Segment.Should().Be(1); // 19
        age.Buckets.Single(b => b.Key == "unknown").All.Should().Be(1);
    }

    [Fact]
    public async Task Activity_is_twelve_weeks_of_events_before_asOf()
    {
        var profile = await SegmentProfiler.ProfileAsync(_db, u => u.Location == "California", Time(), CancellationToken.None);

        profile.Activity.Should().HaveCount(12);
        profile.Activity[0].Start.Should().Be(AsOf.AddDays(-84));
        profile.Activity.Select(w => w.Segment).Should().Equal(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        profile.Activity.Select(w => w.All).Should().Equal(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2);
    }

    [Fact]
    public async Task User_pages_follow_the_cursor_to_the_end()
    {
        var (count, first, next) = await SegmentUsers.PageAsync(_db, u => u.Location == "California", 4, null, CancellationToken.None);
        count.Should().Be(6);
        first.Select(r => r.UserId).Should().Equal(1, 2, 3, 4);
        first[0].Name.Should().Be("User 1");

        SegmentUsers.TryReadCursor(next, out var after).Should().BeTrue();
        var (_, second, last) = await SegmentUsers.PageAsync(_db, u => u.Location == "California", 4, after, CancellationToken.None);
        second.Select(r => r.UserId).Should().Equal(5, 6);
        last.Should().BeNull();
    }

    private static EvaluationTime Time() => new(new DateTimeOffset(AsOf), TimeZoneInfo.Utc);

    private void Event(long user, DateTime at) =>
        _db.Insert(new Event { UserId = user, EventName = "LOGIN", Timestamp = at });
}
