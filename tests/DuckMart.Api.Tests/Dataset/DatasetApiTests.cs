using System.Net;
using System.Text.Json;
using DuckMart.Api.Tests.Segments.Fixtures;

namespace DuckMart.Api.Tests.Dataset;

/// <summary>GET /dataset and GET /dataset/vocabulary over <see cref="SegmentsDatabase.Brief"/>, and after a reload.</summary>
public sealed class DatasetApiTests : IAsyncLifetime
{
    private readonly SegmentsDatabase database = SegmentsDatabase.Brief();
    private SegmentsServer server = null!;

    public async Task InitializeAsync() => server = await SegmentsServer.StartAsync(database.Path);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task The_dataset_says_how_many_users_and_events_and_the_time_they_span()
    {
        var response = await server.Client.GetAsync("/dataset");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await SegmentsServer.ReadJsonAsync(response);
        body.GetProperty("users").GetInt64().Should().Be(12);
        body.GetProperty("events").GetInt64().Should().Be(9);
        body.GetProperty("firstEvent").GetString().Should().Be("2025-01-01T00:00:00Z");
        body.GetProperty("lastEvent").GetString().Should().Be("2026-01-05T09:00:00Z");
        body.GetProperty("suggestedAsOf").GetString().Should().Be("2026-01-06T00:00:00Z");
    }

    [Fact]
    public async Task The_vocabulary_lists_event_names_and_values_most_common_first_with_counts()
    {
        var body = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/dataset/vocabulary"));

        Items(body.GetProperty("events")).Should().Equal(("LOGIN", 7), ("PURCHASE_MADE", 2));
        var values = body.GetProperty("values");
        Items(values.GetProperty("location")).Should().Equal(("California", 7), ("Texas", 3), ("New York", 1));
        Items(values.GetProperty("subscriptionPlan")).Should().Equal(("free", 4), ("premium", 4), ("basic", 3));
        Items(values.GetProperty("deviceType")).Select(v => v.Value).Should().Equal("iOS", "Android", "Web");
        Items(values.GetProperty("gender")).Should().Equal(("F", 6), ("M", 6));
        values.GetProperty("location").GetProperty("complete").GetBoolean().Should().BeTrue();

        var ranges = body.GetProperty("ranges");
        ranges.GetProperty("age").GetProperty("min").GetInt32().Should().Be(24);
        ranges.GetProperty("age").GetProperty("max").GetInt32().Should().Be(40);
        ranges.GetProperty("signupDate").GetProperty("min").GetString().Should().Be("2024-01-10");
        ranges.GetProperty("signupDate").GetProperty("max").GetString().Should().Be("2024-11-20");
        body.GetProperty("dataset").GetProperty("users").GetInt64().Should().Be(12);
    }

    [Fact]
    public async Task A_reload_is_a_new_vocabulary()
    {
        await server.Client.GetAsync("/dataset/vocabulary");
        database.PublishReloaded();
        await Task.Delay(DuckMart.Data.DuckMartDatabase.CheckInterval * 2);

        var body = await SegmentsServer.ReadJsonAsync(await server.Client.GetAsync("/dataset/vocabulary"));

        Items(body.GetProperty("values").GetProperty("location")).Should().Equal(("California", 2), ("Oregon", 1));
        body.GetProperty("dataset").GetProperty("lastEvent").GetString().Should().Be("2025-02-01T08:00:00Z");
    }

    private static (string Value, long Count)[] Items(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("value").GetString()!, i.GetProperty("count").GetInt64()))];
}
