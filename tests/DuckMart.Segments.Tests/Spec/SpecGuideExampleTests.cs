using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests.Spec;

/// <summary>Every JSON example in docs/segment-spec.md reads, so the guide cannot drift from the reader.</summary>
public sealed partial class SpecGuideExampleTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        var guide = File.ReadAllText(Path.Combine(Repository.Root, "docs", "segment-spec.md"));
        foreach (Match block in JsonBlock().Matches(guide))
        {
            // A block may hold several examples one after the other.
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(block.Groups[1].Value), new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                data.Add(document.RootElement.GetRawText());
            }
        }

        return data;
    }

    [Fact]
    public void The_guide_has_examples()
    {
        Examples().Should().HaveCountGreaterThanOrEqualTo(35);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_in_the_guide_reads(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var saved = new InMemorySavedSegments().Add("power-users", new EventCondition("LOGIN"));
        var bytes = Encoding.UTF8.GetBytes(json);

        if (root.TryGetProperty("where", out _))
        {
            var where = SegmentSpecReader.ReadRequest(bytes, saved).Where;
            where.GetType().Name.Should().BeEquivalentTo(root.GetProperty("where").GetProperty("type").GetString() + "Condition", "the example reads as the node it names");
        }
        else if (root.TryGetProperty("type", out _))
        {
            SegmentSpecReader.ReadCondition(bytes, saved).GetType().Name.Should().BeEquivalentTo(root.GetProperty("type").GetString() + "Condition", "the example reads as the node it names");
        }
        else
        {
            // The one example that is neither is the error answer; it must say what the contract says.
            root.GetProperty("errors")[0].GetProperty("code").GetString().Should().Be("expected_integer");
        }
    }

    [Fact]
    public void The_guide_explains_every_error_code()
    {
        var guide = File.ReadAllText(Path.Combine(Repository.Root, "docs", "segment-spec.md"));
        var codes = typeof(DuckMart.Segments.Validation.ErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!);

        codes.Should().AllSatisfy(code => guide.Should().Contain($"| `{code}` |"));
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}

internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DuckMart.OData.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("DuckMart.OData.sln not found above " + AppContext.BaseDirectory);
    }
}
