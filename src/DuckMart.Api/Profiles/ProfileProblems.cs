using DuckMart.Api.Segments;
using DuckMart.Segments;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DuckMart.Api.Profiles;

/// <summary>
/// The profile endpoints read and answer like POST /segments (CONTRACT.md "Errors"): the same body checks
/// (JSON content type, size limit while reading, well-formed JSON), the same 400 with every error and its
/// JSON Pointer, the same 503 past the configured time limit (DuckMart:QueryTimeout, through <see cref="SegmentEvaluator.RunAsync"/>).
/// The shapes come from <see cref="JsonBody"/> and <see cref="SegmentProblems"/>; only the reading of the spec is here.
/// </summary>
internal static class ProfileProblems
{
    public static async Task<(SegmentRequest? Request, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest http, ISavedSegments saved, CancellationToken ct)
    {
        var limits = SpecLimits.Default;
        var (bytes, problem) = await JsonBody.ReadAsync(http, limits.MaxBodyBytes, ct);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            // The reader checks the time zone too (invalid_timezone), so a request it returns can be evaluated.
            return (SegmentSpecReader.ReadRequest(bytes, saved, limits), null);
        }
        catch (SegmentException e)
        {
            return (null, Invalid(e.Errors));
        }
    }

    public static ProblemHttpResult Invalid(IReadOnlyList<SpecError> errors) => SegmentProblems.Invalid(errors);
}
