using DuckMart.Api.Problems;
using DuckMart.Api.Reliability;
using DuckMart.Api.Segments;
using DuckMart.Segments;
using Microsoft.AspNetCore.Http;

namespace DuckMart.Api.Tests.Segments;

public class ProblemMappingTests
{
    [Fact]
    public void A_segment_exception_is_a_400_listing_every_error()
    {
        var problem = ApiExceptionHandler.ToProblem(
            new SegmentException([new("/where/field", "unknown_field", "no"), new("/where/op", "unknown_operator", "no")]), deadline: null);

        problem.Status.Should().Be(400);
        problem.Title.Should().Be("Invalid segment");
        ((IEnumerable<SpecError>)problem.Extensions["errors"]!).Select(e => e.Code).Should().Equal("unknown_field", "unknown_operator");
    }

    [Fact]
    public void Any_failure_after_the_deadline_passed_is_a_503_query_timeout()
    {
        using var deadline = QueryDeadline.Start(TimeSpan.FromTicks(1), CancellationToken.None);
        SpinWait.SpinUntil(() => deadline.Expired, TimeSpan.FromSeconds(5));

        var problem = ApiExceptionHandler.ToProblem(new InvalidOperationException("INTERRUPT Error: Interrupted!"), deadline);

        problem.Status.Should().Be(503);
        problem.Extensions["code"].Should().Be("query_timeout");
    }

    [Fact]
    public void An_unexpected_exception_is_a_500_that_tells_nothing_of_the_server()
    {
        var problem = ApiExceptionHandler.ToProblem(new InvalidOperationException("secret connection string"), deadline: null);

        problem.Status.Should().Be(500);
        problem.Detail.Should().NotContain("secret");
        problem.Extensions.Should().BeEmpty();
    }

    [Fact]
    public void A_bad_request_from_the_server_keeps_its_status()
    {
        var problem = ApiExceptionHandler.ToProblem(new BadHttpRequestException("Request body too large.", 413), deadline: null);

        problem.Status.Should().Be(413);
    }

    [Fact]
    public void Malformed_json_is_one_invalid_json_error_at_the_root()
    {
        JsonBody.CheckWellFormed("""{ "where": """u8).Should().BeEquivalentTo(new { Pointer = "", Code = "invalid_json" });
        JsonBody.CheckWellFormed(""u8).Should().BeEquivalentTo(new { Pointer = "", Code = "invalid_json" });
        JsonBody.CheckWellFormed("""{ "where": {} } trailing"""u8)!.Code.Should().Be("invalid_json");
        JsonBody.CheckWellFormed("""{ "where": { "type": "and", "of": [] } }"""u8).Should().BeNull();
    }
}
