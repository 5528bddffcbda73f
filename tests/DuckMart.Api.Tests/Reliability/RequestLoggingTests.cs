using System.Net.Http.Headers;
using System.Text;
using DuckMart.Api.Reliability;
using DuckMart.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>Request ids and what logs may hold (docs/reliability.md "Logs").</summary>
public sealed class RequestLoggingTests
{
    private const string Key = "log-test-key-0123456789";

    // Distinctive values: if any of them shows up in a log line at Information or above, user data leaked.
    private const string SpecValue = "Zanzibar-7731-Quokka";
    private const string FilterValue = "Quagga-5519-Marmot";
    private const string PathValue = "wombat-4410-numbat";

    [Fact]
    public async Task A_request_id_from_the_caller_is_echoed_and_on_every_log_line_of_the_request()
    {
        await using var server = await ReliabilityServer.StartAsync(mapExtra: app => app.MapGet("/reliability-probe", () => "ok"));
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reliability-probe");
        request.Headers.Add(RequestLogging.HeaderName, "req-abc.123");

        using var response = await client.SendAsync(request);

        response.Headers.GetValues(RequestLogging.HeaderName).Should().Equal("req-abc.123");
        var line = server.Logs.Lines.Should().ContainSingle(l => l.Category == typeof(RequestLogging).FullName).Subject;
        line.Scopes.Should().Contain("RequestId=req-abc.123");
        line.Level.Should().Be(LogLevel.Information);
        line.Message.Should().StartWith("GET /reliability-probe answered 200 in ").And.EndWith(" ms");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("line\nbreak")]
    [InlineData("{\"json\":1}")]
    public async Task An_unsafe_request_id_is_replaced_by_the_servers_own(string offered)
    {
        await using var server = await ReliabilityServer.StartAsync(mapExtra: app => app.MapGet("/reliability-probe", () => "ok"));
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reliability-probe");
        request.Headers.TryAddWithoutValidation(RequestLogging.HeaderName, offered);

        using var response = await client.SendAsync(request);

        var echoed = response.Headers.GetValues(RequestLogging.HeaderName).Single();
        echoed.Should().NotBeNullOrEmpty().And.NotBe(offered);
        RequestLogging.AcceptedId(echoed).Should().Be(echoed);
    }

    [Fact]
    public async Task No_spec_value_filter_value_path_value_or_api_key_is_logged_at_information_or_above()
    {
        await using var server = await ReliabilityServer.StartAsync(
            new Dictionary<string, string?> { ["DuckMart:ApiKey"] = Key },
            app => app.MapGet("/reliability-probe/{id}", (string id) => id.Length));
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyCheck.HeaderName, Key);
        var spec = $$"""{ "where": { "type": "attribute", "field": "location", "op": "eq", "value": "{{SpecValue}}" } }""";
        var badSpec = $$"""{ "where": { "type": "attribute", "field": "{{SpecValue}}", "op": "eq", "value": "{{SpecValue}}" } }""";

        await client.PostAsync("/segments", new StringContent(spec, Encoding.UTF8, "application/json"));
        await client.PostAsync("/segments", new StringContent(badSpec, Encoding.UTF8, "application/json"));
        await client.PutAsync("/segments/reliability-log-test", new StringContent($$"""{ "where": {{spec}}, "description": "{{SpecValue}}" }""", Encoding.UTF8, "application/json"));
        await client.GetAsync($"/odata/Users?$filter=location eq '{FilterValue}'");
        await client.GetAsync($"/odata/Users?$filter=location eq '{FilterValue}' and");
        await client.GetAsync($"/reliability-probe/{PathValue}");
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/odata/Users?$top=1");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key + FilterValue);
        await client.SendAsync(bearer);

        var visible = server.Logs.AtOrAbove(LogLevel.Information).ToList();
        visible.Should().Contain(l => l.Category == typeof(RequestLogging).FullName, "each request is logged");
        foreach (var secret in new[] { SpecValue, FilterValue, PathValue, Key })
        {
            visible.Should().NotContain(l => l.AllText.Contains(secret, StringComparison.Ordinal), "{0} must not be logged", secret);
        }
    }
}
