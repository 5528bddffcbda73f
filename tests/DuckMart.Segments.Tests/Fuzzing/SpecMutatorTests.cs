using System.Text;
using System.Text.Json;

namespace DuckMart.Segments.Tests.Fuzzing;

/// <summary>The fuzzer itself: replayable, and hostile in all the ways it claims.</summary>
public sealed class SpecMutatorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_bodies()
    {
        var first = new SpecMutator(7);
        var second = new SpecMutator(7);

        for (var i = 0; i < 200; i++)
        {
            first.Next().Body.Should().Equal(second.Next().Body);
        }
    }

    [Fact]
    public void The_bodies_cover_valid_json_invalid_json_and_invalid_utf8()
    {
        var mutator = new SpecMutator(20261125);
        var hows = new HashSet<string>();
        int validJson = 0, invalidJson = 0, invalidUtf8 = 0;
        for (var i = 0; i < 1_000; i++)
        {
            var (body, how) = mutator.Next();
            hows.Add(how);
            try
            {
                new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            }
            catch (DecoderFallbackException)
            {
                invalidUtf8++;
            }

            try
            {
                using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 5_000 });
                validJson++;
            }
            catch (JsonException)
            {
                invalidJson++;
            }
        }

        hows.Should().Contain(["mutated example", "random tree", "byte mutation", "text mutation"]);
        validJson.Should().BeGreaterThan(300);
        invalidJson.Should().BeGreaterThan(50);
        invalidUtf8.Should().BeGreaterThan(10);
    }

    [Fact]
    public void Every_contract_example_is_valid_json()
    {
        foreach (var example in SpecMutator.Examples)
        {
            JsonDocument.Parse(example).RootElement.GetProperty("type").GetString().Should().NotBeNullOrEmpty();
        }
    }

    [Fact]
    public void The_named_hostile_inputs_are_what_they_say()
    {
        HostileSpecs.Huge(50 * 1024 * 1024).Length.Should().Be(50 * 1024 * 1024);
        JsonDocument.Parse(HostileSpecs.InList(1_000_000)).RootElement.GetProperty("where").GetProperty("value").GetArrayLength().Should().Be(1_000_000);
        JsonDocument.Parse(HostileSpecs.Nested(10_000), new JsonDocumentOptions { MaxDepth = 30_000 }).Should().NotBeNull();
        var decode = () => new UTF8Encoding(false, true).GetString(HostileSpecs.InvalidUtf8());
        decode.Should().Throw<DecoderFallbackException>();
    }
}
