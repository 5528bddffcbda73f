using System.Net;
using System.Text.Json;
using DuckMart.Api.Tests.Segments.Fixtures;
using DuckMart.Segments.Spec;

namespace DuckMart.Api.Tests.Segments;

/// <summary>
/// GET /segments/schema/fields is FieldCatalog as the web builder reads it, and tests/web/fields.json (the Node
/// tests' copy of that answer, which run without a server) is the same list.
/// </summary>
public sealed class FieldsEndpointTests : BriefServerTests
{
    [Fact]
    public async Task The_fields_are_the_catalog_with_operators_and_bounds()
    {
        var response = await Server.Client.GetAsync("/segments/schema/fields");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var fields = (await SegmentsServer.ReadJsonAsync(response)).EnumerateArray().ToList();
        fields.Select(f => f.GetProperty("name").GetString()).Should().Equal(FieldCatalog.Descriptors.Select(d => d.Name));
        var age = fields.Single(f => f.GetProperty("name").GetString() == "age");
        age.GetProperty("kind").GetString().Should().Be("integer");
        (age.GetProperty("min").GetInt64(), age.GetProperty("max").GetInt64()).Should().Be((0, 150));
        age.GetProperty("operators").EnumerateArray().Select(o => o.GetString()).Should().Equal(FieldCatalog.OperatorsFor(FieldKind.Integer));
        fields.Single(f => f.GetProperty("name").GetString() == "signupDate").GetProperty("label").GetString().Should().Be("Signup date");
    }

    [Fact]
    public async Task The_web_tests_copy_is_the_same_answer()
    {
        var served = await Server.Client.GetStringAsync("/segments/schema/fields");
        var copy = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "tests/web/fields.json"));

        JsonSerializer.Serialize(JsonDocument.Parse(copy)).Should().Be(JsonSerializer.Serialize(JsonDocument.Parse(served)),
            "tests/web/fields.json is the body of GET /segments/schema/fields; write it again from the endpoint when the catalog changes");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DuckMart.OData.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("No DuckMart.OData.sln above " + AppContext.BaseDirectory);
    }
}
