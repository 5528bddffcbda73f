namespace DuckMart.Api.Tests.OData;

/// <summary>$metadata and the service document speak CONTRACT.md's camelCase vocabulary.</summary>
public class ODataMetadataTests(ODataServer server) : IClassFixture<ODataServer>
{
    [Fact]
    public async Task Metadata_declares_camel_case_properties_with_odata_types()
    {
        var metadata = await server.Client.GetStringAsync("/odata/$metadata");

        metadata.Should().Contain("<EntitySet Name=\"Users\"").And.Contain("<EntitySet Name=\"Events\"");
        foreach (var property in new[]
        {
            "Name=\"userId\" Type=\"Edm.Int64\" Nullable=\"false\"",
            "Name=\"name\" Type=\"Edm.String\"",
            "Name=\"age\" Type=\"Edm.Int32\"",
            "Name=\"gender\" Type=\"Edm.String\"",
            "Name=\"location\" Type=\"Edm.String\"",
            "Name=\"signupDate\" Type=\"Edm.Date\"",
            "Name=\"subscriptionPlan\" Type=\"Edm.String\"",
            "Name=\"deviceType\" Type=\"Edm.String\"",
            "Name=\"eventName\" Type=\"Edm.String\" Nullable=\"false\"",
            "Name=\"timestamp\" Type=\"Edm.DateTimeOffset\" Nullable=\"false\"",
            "NavigationProperty Name=\"events\" Type=\"Collection(DuckMart.Event)\"",
        })
        {
            metadata.Should().Contain(property);
        }

        metadata.Should().NotContainAny("\"UserId\"", "\"SignupDate\"", "\"EventName\"", "\"Timestamp\"", "\"Events\" Type");
    }

    [Fact]
    public async Task Events_key_is_the_whole_row()
    {
        var metadata = await server.Client.GetStringAsync("/odata/$metadata");

        var eventType = metadata[metadata.IndexOf("<EntityType Name=\"Event\"", StringComparison.Ordinal)..];
        eventType = eventType[..eventType.IndexOf("</Key>", StringComparison.Ordinal)];
        eventType.Should().Contain("<PropertyRef Name=\"userId\" />")
            .And.Contain("<PropertyRef Name=\"eventName\" />")
            .And.Contain("<PropertyRef Name=\"timestamp\" />");
    }

    [Fact]
    public async Task Service_document_lists_both_sets()
    {
        var (status, body) = await server.GetJsonAsync("/odata");

        status.Should().Be(200);
        body.GetProperty("value").EnumerateArray().Select(s => s.GetProperty("name").GetString())
            .Should().BeEquivalentTo("Users", "Events");
    }
}
