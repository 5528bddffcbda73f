using System.Text.Json;
using System.Text.RegularExpressions;

namespace DuckMart.Segments.Validation;

/// <summary>
/// Validates one condition and everything under it: finds its <c>type</c>, then hands it to the check for
/// that type. Recursion is bounded by <see cref="SpecLimits.MaxDepth"/>, checked before descending, and the
/// JSON itself was already refused past a fixed depth, so no input can exhaust the stack.
/// </summary>
internal sealed partial class ConditionValidator
{
    private static readonly string[] GroupMembers = ["type", "of"];
    private static readonly string[] SegmentMembers = ["type", "id"];
    private static readonly string[] Types = ["and", "or", "not", "attribute", "event", "sequence", "segment"];

    private readonly ValidationContext _context;
    private readonly AttributeValidator _attributes;
    private readonly EventValidator _events;
    private readonly SequenceValidator _sequences;

    public ConditionValidator(ValidationContext context)
    {
        _context = context;
        _attributes = new AttributeValidator(context);
        _events = new EventValidator(context);
        _sequences = new SequenceValidator(context);
    }

    public void Validate(JsonElement element, JsonPointer at, int depth)
    {
        if (depth > _context.Limits.MaxDepth)
        {
            _context.Report(at, ErrorCodes.TooDeep, $"Conditions may nest at most {_context.Limits.MaxDepth} deep.");
            return;
        }

        if (!_context.CountNode(at))
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            _context.Report(at, ErrorCodes.ExpectedObject, $"Expected a condition object, found {SpecObject.Describe(element)}.");
            return;
        }

        if (ReadType(element, at) is not { } type)
        {
            return;
        }

        switch (type)
        {
            case "and" or "or":
                ValidateGroup(element, at, depth, type);
                break;
            case "not":
                ValidateNot(element, at, depth);
                break;
            case "attribute":
                _attributes.Validate(element, at);
                break;
            case "event":
                _context.CountEventCondition(at);
                _events.Validate(element, at);
                break;
            case "sequence":
                _sequences.Validate(element, at);
                break;
            default:
                ValidateSegment(element, at, depth);
                break;
        }
    }

    /// <summary>The discriminator, wherever it stands in the object; null after reporting when it is missing or unknown.</summary>
    private string? ReadType(JsonElement element, JsonPointer at)
    {
        var typeAt = at.Append("type");
        if (!element.TryGetProperty("type", out var type) || type.ValueKind == JsonValueKind.Null)
        {
            _context.Report(typeAt, ErrorCodes.MissingField, $"'type' is required: one of {string.Join(", ", Types)}.");
            return null;
        }

        var name = type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        if (name is null || !Types.Contains(name))
        {
            _context.Report(typeAt, ErrorCodes.UnknownType, $"Unknown condition type {SpecValues.Describe(type)}; expected one of {string.Join(", ", Types)}.");
            return null;
        }

        return name;
    }

    private void ValidateGroup(JsonElement element, JsonPointer at, int depth, string type)
    {
        if (SpecObject.Open(element, at, _context, GroupMembers) is not { } node
            || !node.Require("of", out var of, out var ofAt)
            || !SpecValues.ReadArray(_context, of, ofAt, out var length))
        {
            return;
        }

        if (length == 0)
        {
            _context.Report(ofAt, ErrorCodes.EmptyGroup, $"'{type}' needs at least one condition.");
            return;
        }

        var index = 0;
        foreach (var child in of.EnumerateArray())
        {
            Validate(child, ofAt.Append(index++), depth + 1);
        }
    }

    private void ValidateNot(JsonElement element, JsonPointer at, int depth)
    {
        if (SpecObject.Open(element, at, _context, GroupMembers) is { } node && node.Require("of", out var of, out var ofAt))
        {
            Validate(of, ofAt, depth + 1);
        }
    }

    private void ValidateSegment(JsonElement element, JsonPointer at, int depth)
    {
        if (SpecObject.Open(element, at, _context, SegmentMembers) is not { } node
            || !node.Require("id", out var idElement, out var idAt)
            || !SpecValues.ReadString(_context, idElement, idAt, out var id))
        {
            return;
        }

        if (!IsSegmentId(id))
        {
            _context.Report(idAt, ErrorCodes.InvalidSegmentId, "A segment id is 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit.");
        }
        else if (!_context.Saved.TryGet(id, out _))
        {
            _context.Report(idAt, ErrorCodes.UnknownSegment, $"There is no saved segment '{id}'.");
        }
        else
        {
            _context.References.Add(new SegmentReference(id, idAt, depth));
        }
    }

    public static bool IsSegmentId(string id) => SegmentId().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentId();
}
