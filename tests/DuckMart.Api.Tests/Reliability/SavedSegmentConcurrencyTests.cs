using System.Net;
using System.Text;
using System.Text.Json;
using DuckMart.Api.Segments;
using DuckMart.Segments.Saved;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>
/// Saved segments over HTTP under concurrent writers (issue 6): PUTs of the same id from many clients, two server
/// instances over one file (as two processes would be), reads in between. Every answer is a success, every read
/// sees one whole definition some writer sent, and the file on disk is one valid document with no temporary left.
/// The store's own tests (Segments/SavedSegmentStoreTests) cover the same at the class level and a torn temp file.
/// </summary>
public sealed class SavedSegmentConcurrencyTests
{
    [Fact]
    public async Task Concurrent_puts_of_one_id_from_two_servers_never_corrupt_the_store()
    {
        var folder = Directory.CreateTempSubdirectory("duckmart-saved-").FullName;
        var file = Path.Combine(folder, "segments.json");
        var configuration = new Dictionary<string, string?> { ["DuckMart:SavedSegmentsFile"] = file };
        await using var first = await ReliabilityServer.StartAsync(configuration);
        await using var second = await ReliabilityServer.StartAsync(configuration);
        using var a = first.CreateClient(TimeSpan.FromSeconds(60));
        using var b = second.CreateClient(TimeSpan.FromSeconds(60));
        var sent = Enumerable.Range(0, 48).Select(i => $"writer {i}").ToHashSet();

        var puts = Enumerable.Range(0, 48).Select(async i =>
        {
            var body = $$"""{"where":{"type":"attribute","field":"age","op":"between","value":[{{i % 50}},{{i % 50 + 10}}]},"description":"writer {{i}}"}""";
            using var response = await (i % 2 == 0 ? a : b).PutAsync("/segments/same", new StringContent(body, Encoding.UTF8, "application/json"));
            return response.StatusCode;
        });
        var reads = Enumerable.Range(0, 48).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? b : a).GetAsync("/segments/same");
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        });
        var statuses = await Task.WhenAll(puts);
        var seen = await Task.WhenAll(reads);

        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Created);
        foreach (var (status, text) in seen.Where(r => r.StatusCode != HttpStatusCode.NotFound))
        {
            status.Should().Be(HttpStatusCode.OK, text);
            var description = JsonDocument.Parse(text).RootElement.GetProperty("description").GetString();
            sent.Should().Contain(description!, "a read sees one whole definition that some writer sent");
        }

        using var onDisk = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        var segments = onDisk.RootElement.GetProperty("segments").EnumerateArray().ToList();
        segments.Should().ContainSingle().Which.GetProperty("id").GetString().Should().Be("same");
        sent.Should().Contain(segments[0].GetProperty("description").GetString()!);
        Directory.GetFiles(folder, "*.tmp").Should().BeEmpty();
        new SavedSegmentStore(file).Get("same").Should().NotBeNull();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_torn_temporary_file_left_by_a_crash_is_ignored_at_start()
    {
        var folder = Directory.CreateTempSubdirectory("duckmart-saved-").FullName;
        var file = Path.Combine(folder, "segments.json");
        var configuration = new Dictionary<string, string?> { ["DuckMart:SavedSegmentsFile"] = file };
        await using (var before = await ReliabilityServer.StartAsync(configuration))
        {
            using var client = before.CreateClient();
            using var put = await client.PutAsync("/segments/kept", new StringContent("""{"where":{"type":"event","name":"LOGIN"}}""", Encoding.UTF8, "application/json"));
            put.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        // What a process killed mid-write leaves: its temporary file, cut short, beside the intact store.
        await File.WriteAllTextAsync(Path.Combine(folder, "segments.json.0123456789abcdef.tmp"), """{ "version": 1, "segments": [ { "id": "lost", "where": { "ty""");
        await using var after = await ReliabilityServer.StartAsync(configuration);
        using var reader = after.CreateClient();

        using var list = await reader.GetAsync("/segments");
        var ids = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString());
        ids.Should().Equal("kept");
        using var users = await reader.GetAsync("/segments/kept/users?countOnly=true");
        users.StatusCode.Should().Be(HttpStatusCode.OK);
        Directory.Delete(folder, recursive: true);
    }
}
