using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>
/// A client that hangs up mid query (issue 6, docs/reliability.md "Logs"): the server stops the query and writes
/// one quiet line, not an error with a stack trace. The hang-up is simulated with a request whose
/// RequestAborted token is already cancelled, or is cancelled while the query runs.
/// </summary>
public sealed class ClientDisconnectTests
{
    [Theory]
    [InlineData("/odata/Users", "$count=true&$filter=events/any(e: e/eventName eq 'LOGIN')")]
    [InlineData("/odata/Users/$count", "$filter=age gt 30")]
    [InlineData("/odata/Events", "$count=true&$top=5")]
    [InlineData("/segments", null)]
    public async Task A_client_that_hung_up_is_a_quiet_line_not_an_error(string path, string? query)
    {
        await using var server = await ReliabilityServer.StartAsync();
        using var hungUp = new CancellationTokenSource();
        await hungUp.CancelAsync();

        var before = server.Logs.Lines.Count;
        await server.Server.SendAsync(context =>
        {
            context.Request.Method = path == "/segments" ? "POST" : "GET";
            context.Request.Path = path;
            context.Request.QueryString = query is null ? QueryString.Empty : new QueryString("?" + query);
            if (path == "/segments")
            {
                context.Request.ContentType = "application/json";
                context.Request.Body = new MemoryStream("""{"where":{"type":"event","name":"LOGIN"},"countOnly":true}"""u8.ToArray());
            }

            context.RequestAborted = hungUp.Token;
        });

        var lines = server.Logs.Lines.Skip(before).ToList();
        lines.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Level} {l.Category}: {l.Message} {l.Exception?[..Math.Min(400, l.Exception.Length)]}")
            .Should().BeEmpty("a client hanging up is not the server's fault");
        lines.Should().Contain(l => l.Category == typeof(DuckMart.Api.Reliability.RequestLogging).FullName
            && l.Level <= LogLevel.Information && l.Message.Contains("client", StringComparison.OrdinalIgnoreCase));
    }
}
