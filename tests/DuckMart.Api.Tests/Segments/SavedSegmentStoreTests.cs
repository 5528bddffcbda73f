using System.Text.Json;
using DuckMart.Api.Segments;
using DuckMart.Segments;
using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;

namespace DuckMart.Api.Tests.Segments;

public sealed class SavedSegmentStoreTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"duckmart-store-{Guid.NewGuid():N}");

    public SavedSegmentStoreTests() => Directory.CreateDirectory(directory);

    private string FilePath => Path.Combine(directory, "duckmart.duckdb.segments.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static SavedSegment Segment(string id, string where, string? description = null)
    {
        using var doc = JsonDocument.Parse(where);
        return new SavedSegment(id, doc.RootElement.Clone(), description);
    }

    private const string AgeBand = """{ "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }""";

    private const string AgeBandNormalised = """{"type":"attribute","field":"age","op":"between","value":[25,34]}""";

    [Fact]
    public void A_saved_definition_is_returned_as_it_was_given()
    {
        var store = new SavedSegmentStore(FilePath);

        store.Save("young-adults", _ => Segment("young-adults", AgeBand, "25 to 34")).Should().BeTrue();

        var saved = store.Get("young-adults")!;
        saved.Description.Should().Be("25 to 34");
        saved.Where.GetRawText().Should().Be(AgeBandNormalised);
        store.List().Select(s => s.Id).Should().Equal("young-adults");
    }

    [Fact]
    public void Saving_an_existing_id_replaces_it()
    {
        var store = new SavedSegmentStore(FilePath);
        store.Save("a", _ => Segment("a", AgeBand, "first"));

        store.Save("a", _ => Segment("a", AgeBand, "second")).Should().BeFalse();

        store.Get("a")!.Description.Should().Be("second");
    }

    [Fact]
    public void A_new_store_over_the_same_file_sees_every_saved_segment()
    {
        var first = new SavedSegmentStore(FilePath);
        first.Save("b", _ => Segment("b", AgeBand));
        first.Save("a", _ => Segment("a", """{ "type": "segment", "id": "b" }"""));

        var restarted = new SavedSegmentStore(FilePath);

        restarted.List().Select(s => s.Id).Should().Equal("a", "b");
        restarted.Get("a")!.Where.GetProperty("id").GetString().Should().Be("b");
    }

    [Fact]
    public void A_change_made_through_another_store_is_seen_without_a_restart()
    {
        var server = new SavedSegmentStore(FilePath);
        server.List().Should().BeEmpty();

        new SavedSegmentStore(FilePath).Save("elsewhere", _ => Segment("elsewhere", AgeBand));

        server.Get("elsewhere").Should().NotBeNull();
    }

    [Fact]
    public void A_failed_validation_saves_nothing()
    {
        var store = new SavedSegmentStore(FilePath);

        var save = () => store.Save("bad", _ => throw new InvalidOperationException("invalid"));

        save.Should().Throw<InvalidOperationException>();
        store.Get("bad").Should().BeNull();
        File.Exists(FilePath).Should().BeFalse();
    }

    [Fact]
    public void Deleting_a_segment_another_refers_to_is_refused_with_the_referrers()
    {
        var store = new SavedSegmentStore(FilePath);
        store.Save("base", _ => Segment("base", AgeBand));
        store.Save("uses-base", _ => Segment("uses-base", """{ "type": "not", "of": { "type": "and", "of": [ { "type": "segment", "id": "base" } ] } }"""));

        var outcome = store.Delete("base");

        outcome.Found.Should().BeTrue();
        outcome.ReferencedBy.Should().Equal("uses-base");
        store.Get("base").Should().NotBeNull();
    }

    [Fact]
    public void Deleting_removes_the_segment_for_good_and_an_unknown_id_is_not_found()
    {
        var store = new SavedSegmentStore(FilePath);
        store.Save("gone", _ => Segment("gone", AgeBand));

        var outcome = store.Delete("gone");

        outcome.Found.Should().BeTrue();
        outcome.ReferencedBy.Should().BeEmpty();
        store.Get("gone").Should().BeNull();
        new SavedSegmentStore(FilePath).Get("gone").Should().BeNull();
        store.Delete("never").Found.Should().BeFalse();
    }

    [Fact]
    public void References_are_the_segment_nodes_at_any_depth_of_the_model()
    {
        var where = JsonSerializer.Deserialize<Condition>("""
            { "type": "or", "of": [ { "type": "segment", "id": "x" },
              { "type": "not", "of": { "type": "segment", "id": "y" } },
              { "type": "attribute", "field": "name", "op": "eq", "value": "segment" } ] }
            """, SegmentJson.Options)!;

        SavedSegmentGraph.ReferencesOf(where).Should().BeEquivalentTo(["x", "y"]);
    }

    [Fact]
    public void A_cycle_written_into_the_file_by_hand_reads_as_unknown_and_its_members_still_block_deletes()
    {
        // Save takes whatever its callback returns: no validation here, as if the file had been edited by hand.
        var store = new SavedSegmentStore(FilePath);
        store.Save("a", _ => Segment("a", """{ "type": "not", "of": { "type": "segment", "id": "b" } }"""));
        store.Save("b", _ => Segment("b", $$"""{ "type": "or", "of": [ { "type": "segment", "id": "a" }, {{AgeBand}} ] }"""));
        store.Save("c", _ => Segment("c", AgeBand));
        store.Save("d", _ => Segment("d", """{ "type": "segment", "id": "c" }"""));
        store.Save("e", _ => Segment("e", """{ "type": "and", "of": [ { "type": "segment", "id": "b" }, { "type": "segment", "id": "c" } ] }"""));

        var reopened = new SavedSegmentStore(FilePath);

        reopened.TryGet("a", out _).Should().BeFalse();
        reopened.TryGet("b", out _).Should().BeFalse();
        reopened.TryGet("e", out _).Should().BeFalse("it refers to a segment on the cycle");
        reopened.TryGet("d", out var d).Should().BeTrue();
        d.Should().Be(new SegmentCondition("c"));
        reopened.Delete("c").ReferencedBy.Should().Equal("d", "e");
        reopened.Delete("a").ReferencedBy.Should().Equal("b");
    }

    [Fact]
    public void A_chain_too_deep_written_into_the_file_by_hand_reads_as_unknown_where_it_is_too_deep()
    {
        // s0 -> s1 -> ... -> s1999 -> age band: reading s0 would recurse through the store 2,000 deep.
        const int n = 2000;
        var segments = Enumerable.Range(0, n).Select(i => new
        {
            id = $"s{i}",
            where = i == n - 1 ? JsonDocument.Parse(AgeBand).RootElement : JsonDocument.Parse($$"""{ "type": "segment", "id": "s{{i + 1}}" }""").RootElement,
        });
        File.WriteAllText(FilePath, JsonSerializer.Serialize(new { version = 1, segments }));

        var store = new SavedSegmentStore(FilePath);

        store.TryGet("s0", out _).Should().BeFalse();
        store.TryGet($"s{n - SavedSegmentGraph.MaxChain - 1}", out _).Should().BeFalse();
        store.TryGet($"s{n - SavedSegmentGraph.MaxChain}", out var atTheLimit).Should().BeTrue();
        atTheLimit.Should().Be(new SegmentCondition($"s{n - SavedSegmentGraph.MaxChain + 1}"));
        store.Delete("s5").ReferencedBy.Should().Equal("s4");
    }

    [Fact]
    public async Task Concurrent_writes_of_the_same_id_leave_one_whole_valid_file()
    {
        var store = new SavedSegmentStore(FilePath);
        var other = new SavedSegmentStore(FilePath); // a second writer, as a second process would be

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            (i % 2 == 0 ? store : other).Save("same", _ => Segment("same", AgeBand, $"writer {i}")))));

        using var file = JsonDocument.Parse(await File.ReadAllBytesAsync(FilePath));
        var segments = file.RootElement.GetProperty("segments").EnumerateArray().ToList();
        segments.Should().ContainSingle();
        segments[0].GetProperty("id").GetString().Should().Be("same");
        segments[0].GetProperty("description").GetString().Should().StartWith("writer ");
        Directory.GetFiles(directory, "*.tmp").Should().BeEmpty();
        new SavedSegmentStore(FilePath).Get("same")!.Where.GetRawText().Should().Be(AgeBandNormalised);
    }

    [Fact]
    public async Task Concurrent_writes_of_different_ids_are_all_kept()
    {
        var store = new SavedSegmentStore(FilePath);

        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => store.Save($"s{i}", _ => Segment($"s{i}", AgeBand)))));

        new SavedSegmentStore(FilePath).List().Should().HaveCount(32);
    }

    [Fact]
    public void A_leftover_temporary_file_from_a_crash_does_not_disturb_the_store()
    {
        var store = new SavedSegmentStore(FilePath);
        store.Save("kept", _ => Segment("kept", AgeBand));
        File.WriteAllText(FilePath + ".deadbeef.tmp", "{ \"segments\": [ { \"id\": \"half"); // a write cut short

        new SavedSegmentStore(FilePath).List().Select(s => s.Id).Should().Equal("kept");
    }
}
