using System.Net;
using System.Net.Http.Headers;
using DuckMart.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>Who may do what (docs/reliability.md): the API key, writes, and the loopback-only default.</summary>
public sealed class ApiKeyTests
{
    private const string Key = "test-key-0123456789abcdef";

    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task With_a_key_a_request_without_it_gets_a_401_problem()
    {
        await using var server = await StartWithKeyAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/reliability-probe");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
        (await response.Content.ReadAsStringAsync()).Should().Contain("api_key_missing");
    }

    [Theory]
    [InlineData("wrong-key-0123456789abcdef")]
    [InlineData("test-key-0123456789abcde")]
    [InlineData("test-key-0123456789abcdefg")]
    [InlineData("TEST-KEY-0123456789ABCDEF")]
    public async Task With_a_key_a_wrong_key_gets_a_401_problem(string wrong)
    {
        await using var server = await StartWithKeyAsync();
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyCheck.HeaderName, wrong);

        using var response = await client.GetAsync("/reliability-probe");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("api_key_invalid").And.NotContain(Key);
    }

    [Fact]
    public async Task The_key_is_taken_from_x_api_key_or_a_bearer_token()
    {
        await using var server = await StartWithKeyAsync();
        using var byHeader = server.CreateClient();
        byHeader.DefaultRequestHeaders.Add(ApiKeyCheck.HeaderName, Key);
        using var byBearer = server.CreateClient();
        byBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        (await byHeader.GetAsync("/reliability-probe")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await byBearer.GetAsync("/reliability-probe")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("GET", "/odata/Users")]
    [InlineData("POST", "/segments")]
    [InlineData("GET", "/segments")]
    [InlineData("GET", "/segments/power-users/users")]
    [InlineData("PUT", "/segments/power-users")]
    [InlineData("DELETE", "/segments/power-users")]
    [InlineData("GET", "/odata/$metadata")]
    public async Task With_a_key_every_endpoint_but_health_requires_it(string method, string path)
    {
        await using var server = await StartWithKeyAsync();
        using var client = server.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        await using var server = await StartWithKeyAsync();
        using var client = server.CreateClient();

        using var health = await client.GetAsync("/health");
        using var below = await client.GetAsync("/health/reliability-probe");

        health.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized);
        below.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_key_remote_callers_are_refused_and_local_ones_served()
    {
        await using var server = await ReliabilityServer.StartAsync(mapExtra: MapProbe);

        var remote = await server.SendFromAsync(Remote, "GET", "/reliability-probe");
        var local = await server.SendFromAsync(IPAddress.Loopback, "GET", "/reliability-probe");
        var localV6 = await server.SendFromAsync(IPAddress.IPv6Loopback, "GET", "/reliability-probe");

        remote.Response.StatusCode.Should().Be(StatusCodes.Status403Forbidden);
        local.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
        localV6.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
    }

    [Fact]
    public async Task Without_a_key_but_remote_allowed_remote_callers_read_and_only_local_callers_write()
    {
        await using var server = await ReliabilityServer.StartAsync(
            new Dictionary<string, string?> { ["DuckMart:AllowRemote"] = "true" },
            MapProbe);

        var read = await server.SendFromAsync(Remote, "GET", "/reliability-probe");
        var put = await server.SendFromAsync(Remote, "PUT", "/segments/power-users");
        var delete = await server.SendFromAsync(Remote, "DELETE", "/segments/power-users");
        var localPut = await server.SendFromAsync(IPAddress.Loopback, "PUT", "/segments/power-users");

        read.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
        put.Response.StatusCode.Should().Be(StatusCodes.Status403Forbidden);
        delete.Response.StatusCode.Should().Be(StatusCodes.Status403Forbidden);
        localPut.Response.StatusCode.Should().NotBe(StatusCodes.Status403Forbidden).And.NotBe(StatusCodes.Status401Unauthorized);
    }

    [Fact]
    public async Task With_a_key_remote_callers_with_it_may_write()
    {
        await using var server = await StartWithKeyAsync();

        var put = await server.SendFromAsync(Remote, "PUT", "/segments/power-users", Key);
        var withoutKey = await server.SendFromAsync(IPAddress.Loopback, "PUT", "/segments/power-users");

        put.Response.StatusCode.Should().NotBe(StatusCodes.Status401Unauthorized).And.NotBe(StatusCodes.Status403Forbidden);
        withoutKey.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
    }

    [Fact]
    public async Task The_key_comes_from_the_environment_variable_when_configuration_has_none()
    {
        await using var server = await ReliabilityServer.StartAsync(
            new Dictionary<string, string?> { [DuckMartSecurityOptions.ApiKeyEnvironmentVariable] = Key },
            MapProbe);
        using var client = server.CreateClient();

        (await client.GetAsync("/reliability-probe")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Add(ApiKeyCheck.HeaderName, Key);
        (await client.GetAsync("/reliability-probe")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_short_key_stops_the_server_at_start_without_showing_the_key()
    {
        var start = () => ReliabilityServer.StartAsync(new Dictionary<string, string?> { ["DuckMart:ApiKey"] = "short-secret" });

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Message.Should().Contain("at least").And.NotContain("short-secret");
    }

    [Fact]
    public async Task The_key_never_appears_in_the_logs()
    {
        await using var server = await StartWithKeyAsync();
        using var right = server.CreateClient();
        right.DefaultRequestHeaders.Add(ApiKeyCheck.HeaderName, Key);
        using var bearer = server.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var wrong = server.CreateClient();
        wrong.DefaultRequestHeaders.Add(ApiKeyCheck.HeaderName, Key + "x");

        await right.GetAsync("/reliability-probe");
        await bearer.GetAsync("/odata/Users?$top=1");
        await wrong.GetAsync("/reliability-probe");

        server.Logs.Lines.Should().NotBeEmpty();
        server.Logs.Lines.Should().NotContain(l => l.AllText.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_key_the_server_says_at_start_that_it_serves_loopback_only()
    {
        await using var server = await ReliabilityServer.StartAsync();

        server.Logs.AtOrAbove(LogLevel.Warning).Should().Contain(l => l.Message.Contains("loopback only", StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_compare_equal_only_when_identical()
    {
        ApiKeyCheck.Matches(Key, Key).Should().BeTrue();
        ApiKeyCheck.Matches(null, Key).Should().BeFalse();
        ApiKeyCheck.Matches("", Key).Should().BeFalse();
        ApiKeyCheck.Matches(Key[..^1], Key).Should().BeFalse();
        ApiKeyCheck.Matches(Key + " ", Key).Should().BeFalse();
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "http://127.0.0.1:5080")]
    [InlineData("http://*:5080", "http://127.0.0.1:5080")]
    [InlineData("http://+:5080", "http://127.0.0.1:5080")]
    [InlineData("https://192.168.1.10:443", "https://127.0.0.1:443")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080")]
    [InlineData("http://example.com:80", "http://127.0.0.1:80")]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http://[::1]:5080", "http://[::1]:5080")]
    public void Listen_urls_are_narrowed_to_loopback(string url, string expected) =>
        LoopbackBinding.Restrict([url]).Should().Equal(expected);

    private static Task<ReliabilityServer> StartWithKeyAsync() =>
        ReliabilityServer.StartAsync(new Dictionary<string, string?> { ["DuckMart:ApiKey"] = Key }, MapProbe);

    private static void MapProbe(WebApplication app)
    {
        app.MapGet("/reliability-probe", () => "ok");
        // Not /health itself: the segments API maps that one.
        app.MapGet("/health/reliability-probe", () => "healthy");
    }
}
