using System.Net;
using System.Text;
using DuckMart.Api.Tests.Segments.Fixtures;

namespace DuckMart.Api.Tests.Segments;

/// <summary>What is wrong with a request before any spec is read: each is a problem, never a 500.</summary>
public sealed class RequestProblemTests : BriefServerTests
{
    [Theory]
    [InlineData("POST", "/segments")]
    [InlineData("PUT", "/segments/young")]
    public async Task Malformed_json_is_a_400_invalid_json(string method, string path)
    {
        var response = await SendAsync(method, path, """{ "where": { "type": "attribute", """, "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await SegmentsServer.ReadJsonAsync(response);
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.GetProperty("title").GetString().Should().Be("Invalid segment");
        (await SegmentsServer.ErrorsAsync(response)).Should().Equal(("", "invalid_json"));
    }

    [Fact]
    public async Task An_empty_body_is_a_400_invalid_json()
    {
        var response = await SendAsync("POST", "/segments", "", "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SegmentsServer.ErrorsAsync(response)).Should().Equal(("", "invalid_json"));
    }

    [Theory]
    [InlineData("POST", "/segments")]
    [InlineData("PUT", "/segments/young")]
    public async Task A_body_over_the_limit_is_a_413_body_too_large(string method, string path)
    {
        var huge = """{ "where": { "type": "attribute", "field": "name", "op": "in", "value": [""" + string.Join(",", Enumerable.Repeat("\"xxxxxxxxxx\"", 100_000)) + "] } }";

        var response = await SendAsync(method, path, huge, "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await SegmentsServer.ErrorsAsync(response)).Should().Equal(("", "body_too_large"));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_a_415_problem(string contentType)
    {
        var response = await SendAsync("POST", "/segments", """{ "where": { "type": "event" } }""", contentType);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await SegmentsServer.ErrorsAsync(response)).Should().Equal(("", "unsupported_media_type"));
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_a_415_problem()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/segments") { Content = new ByteArrayContent("{}"u8.ToArray()) };

        var response = await Server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("GET", "/nowhere")]
    [InlineData("GET", "/segments/a/b/c")]
    [InlineData("PATCH", "/segments/young")]
    public async Task An_unknown_route_or_method_is_a_problem(string method, string path)
    {
        var response = await Server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        ((int)response.StatusCode).Should().BeOneOf(404, 405);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await SegmentsServer.ReadJsonAsync(response)).GetProperty("code").GetString().Should().BeOneOf("not_found", "method_not_allowed");
    }

    [Fact]
    public async Task Health_says_the_database_opens()
    {
        var response = await Server.Client.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await SegmentsServer.ReadJsonAsync(response);
        body.GetProperty("status").GetString().Should().Be("healthy");
        body.GetProperty("database").GetString().Should().Be(Database.Path);
    }

    [Fact]
    public async Task Health_is_a_503_when_the_database_does_not_open()
    {
        await using var broken = await SegmentsServer.StartAsync(Path.Combine(Database.Directory, "missing.duckdb"));

        var response = await broken.Client.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_segments_api()
    {
        var response = await Server.Client.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var doc = await SegmentsServer.ReadJsonAsync(response);
        var paths = doc.GetProperty("paths");
        paths.TryGetProperty("/segments", out var segments).Should().BeTrue();
        segments.GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).Should().BeTrue();
        segments.GetProperty("post").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _).Should().BeTrue();
        paths.TryGetProperty("/segments/{id}", out _).Should().BeTrue();
        paths.TryGetProperty("/segments/{id}/users", out _).Should().BeTrue();
        doc.GetProperty("components").GetProperty("schemas").TryGetProperty("SegmentResponse", out _).Should().BeTrue();
        // The app here is the whole product, OData controllers included: they keep their own $metadata and stay out of this document.
        paths.TryGetProperty("/segments/profile", out _).Should().BeTrue();
        paths.EnumerateObject().Select(p => p.Name).Should().NotContain(name => name.StartsWith("/odata", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_docs()
    {
        var response = await Server.Client.GetAsync("/docs");
        if (response.StatusCode == HttpStatusCode.Found)
        {
            response = await Server.Client.GetAsync(response.Headers.Location);
        }

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
    }

    [Fact]
    public async Task The_spec_json_schema_is_served()
    {
        var response = await Server.Client.GetAsync("/segments/schema");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var schema = await SegmentsServer.ReadJsonAsync(response);
        schema.GetProperty("$schema").GetString().Should().Contain("json-schema.org");
    }

    private Task<HttpResponseMessage> SendAsync(string method, string path, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return Server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });
    }
}
