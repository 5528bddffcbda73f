using System.Text.Json;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Validation;

/// <summary>
/// The objects around a condition: the POST /segments request and the PUT /segments/{id} definition.
/// Each envelope member has a code of its own for any bad value, so clients can point at the one input.
/// </summary>
internal sealed class EnvelopeValidator(ValidationContext context)
{
    private static readonly string[] RequestMembers = ["where", "asOf", "timezone", "limit", "cursor", "countOnly", "explain"];
    private static readonly string[] DefinitionMembers = ["where", "description"];

    private readonly ConditionValidator _conditions = new(context);

    public void ValidateCondition(JsonElement root) => _conditions.Validate(root, JsonPointer.Root, 1);

    public void ValidateRequest(JsonElement root)
    {
        if (SpecObject.Open(root, JsonPointer.Root, context, RequestMembers) is not { } request)
        {
            return;
        }

        ValidateWhere(request);
        Check(request, "asOf", ErrorCodes.InvalidAsOf, IsAsOf, EvaluationTimeResolver.AsOfMessage("asOf"));
        Check(request, "timezone", ErrorCodes.InvalidTimezone, e => e.ValueKind == JsonValueKind.String && EvaluationTime.TryFindZone(e.GetString(), out _),
            EvaluationTimeResolver.TimezoneMessage("timezone"));
        Check(request, "limit", ErrorCodes.InvalidLimit, e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) && n >= 1 && n <= context.Limits.MaxPageSize,
            $"limit must be an integer from 1 to {context.Limits.MaxPageSize}; leave it out for every ID.");
        Check(request, "cursor", ErrorCodes.InvalidCursor, e => e.ValueKind == JsonValueKind.String && e.GetString()!.Length is > 0 and var n && n <= context.Limits.MaxCursorLength,
            "cursor must be the nextCursor of an earlier answer.");
        ReadFlag(request, "countOnly");
        ReadFlag(request, "explain");
    }

    public void ValidateDefinition(JsonElement root)
    {
        if (SpecObject.Open(root, JsonPointer.Root, context, DefinitionMembers) is not { } definition)
        {
            return;
        }

        ValidateWhere(definition);
        if (definition.TryGet("description", out var description, out var at))
        {
            SpecValues.ReadString(context, description, at, out _);
        }
    }

    private void ValidateWhere(SpecObject envelope)
    {
        if (envelope.Require("where", out var where, out var at))
        {
            _conditions.Validate(where, at, 1);
        }
    }

    private void Check(SpecObject envelope, string name, string code, Func<JsonElement, bool> isValid, string message)
    {
        if (envelope.TryGet(name, out var value, out var at) && !isValid(value))
        {
            context.Report(at, code, message);
        }
    }

    private void ReadFlag(SpecObject envelope, string name)
    {
        if (envelope.HasRaw(name, out var value, out var at))
        {
            SpecValues.ReadBoolean(context, value, at, out _);
        }
    }

    /// <summary>
    /// An instant or a date. For an instant both parsers must agree: TimePoint insists on a zone, and System.Text.Json,
    /// which reads the model's DateTimeOffset, is stricter about the ISO 8601 form than DateTimeOffset.TryParse.
    /// A date is midnight in the request's zone, as in conditions; the reader resolves it (<see cref="AsOfDate"/>).
    /// </summary>
    private static bool IsAsOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
        && TimePoint.TryParse(element.GetString(), out var point)
        && point switch
        {
            TimePoint.Instant { Value: var instant } => element.TryGetDateTimeOffset(out _) && EvaluationTimeResolver.InRange(instant),
            TimePoint.Date { Value: var date } => EvaluationTimeResolver.InRange(date),
            _ => false,
        };
}
