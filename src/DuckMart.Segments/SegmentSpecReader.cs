using System.Text.Json;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments;

/// <summary>
/// Reads a spec from JSON and validates it in one pass: either a model that can be evaluated, or a
/// <see cref="SegmentException"/> listing every error with its JSON Pointer.
/// </summary>
/// <remarks>
/// Stages: bytes to a depth-checked <see cref="JsonDocument"/>; one walk over it collecting every error;
/// saved-segment checks that need the whole spec (cycles, size once inlined); only then deserialization
/// with <see cref="SegmentJson.Options"/>, and event names normalised. Pointers are into the body given:
/// <c>/where/…</c> for a request or a saved definition, from the root (<c>""</c>) for a bare condition.
/// </remarks>
public static class SegmentSpecReader
{
    /// <summary>A POST /segments body.</summary>
    public static SegmentRequest ReadRequest(ReadOnlySpan<byte> utf8Json, ISavedSegments saved, SpecLimits? limits = null)
    {
        var request = Read<SegmentRequest>(utf8Json, saved, limits, null, (v, root) => v.ValidateRequest(root), AsOfDate.Resolve);
        return request with { Where = SpecNormalizer.Normalize(request.Where) };
    }

    /// <summary>A PUT /segments/{id} body; a reference back to <paramref name="id"/> (directly or through others) is a cycle.</summary>
    public static SavedSegmentDefinition ReadSavedDefinition(ReadOnlySpan<byte> utf8Json, string id, ISavedSegments saved, SpecLimits? limits = null)
    {
        var definition = Read<SavedSegmentDefinition>(utf8Json, saved, limits, id, (v, root) => v.ValidateDefinition(root));
        return definition with { Where = SpecNormalizer.Normalize(definition.Where) };
    }

    /// <summary>A bare condition (the LINQ surface's Segment.Parse, the CLI's SPEC.json may be either form).</summary>
    public static Condition ReadCondition(ReadOnlySpan<byte> utf8Json, ISavedSegments saved, SpecLimits? limits = null) =>
        SpecNormalizer.Normalize(Read<Condition>(utf8Json, saved, limits, null, (v, root) => v.ValidateCondition(root)));

    private static T Read<T>(
        ReadOnlySpan<byte> utf8Json, ISavedSegments saved, SpecLimits? limits, string? savingId, Action<EnvelopeValidator, JsonElement> validate,
        Func<T, JsonElement, T>? complete = null)
    {
        var context = new ValidationContext(saved, limits ?? SpecLimits.Default);
        if (savingId is not null && !ConditionValidator.IsSegmentId(savingId))
        {
            context.Report(JsonPointer.Root, ErrorCodes.InvalidSegmentId, "A segment id is 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit.");
        }

        using var document = SpecDocument.Parse(utf8Json, context);
        if (document is null)
        {
            context.ThrowIfErrors();
            throw new InvalidOperationException("Unreachable: a body that does not parse is always reported.");
        }

        validate(new EnvelopeValidator(context), document.RootElement);
        ReferenceChecks.Run(context, savingId);
        context.ThrowIfErrors();
        try
        {
            var model = document.RootElement.Deserialize<T>(SegmentJson.Options)
                ?? throw new JsonException("The body is null.");
            return complete is null ? model : complete(model, document.RootElement);
        }
        catch (JsonException e)
        {
            // The validator should have caught this; a 400 that names the place still beats a 500.
            throw new SegmentException([new SpecError(ToPointer(e.Path), ErrorCodes.InvalidJson, e.Message)]);
        }
    }

    /// <summary>System.Text.Json paths look like $.where.of[1]; turn one into a JSON Pointer as well as can be done.</summary>
    private static string ToPointer(string? path) =>
        path is null ? "" : path.TrimStart('$').Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace('.', '/');
}
