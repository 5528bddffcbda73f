using System.Text.Json;

namespace DuckMart.Segments.Validation;

/// <summary>
/// One JSON object of the spec, opened against the names it may hold: an unknown or repeated name is
/// reported here, once, so each validator only asks for the members it understands. A member that is
/// JSON <c>null</c> counts as absent, as optional members are written <c>"cursor": null</c>.
/// </summary>
internal sealed class SpecObject
{
    private readonly Dictionary<string, JsonElement> _members;
    private readonly ValidationContext _context;

    private SpecObject(JsonPointer at, Dictionary<string, JsonElement> members, ValidationContext context)
    {
        At = at;
        _members = members;
        _context = context;
    }

    public JsonPointer At { get; }

    /// <summary>Null (and expected_object reported) when <paramref name="element"/> is not an object.</summary>
    public static SpecObject? Open(JsonElement element, JsonPointer at, ValidationContext context, IReadOnlyCollection<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            context.Report(at, ErrorCodes.ExpectedObject, $"Expected an object, found {Describe(element)}.");
            return null;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var memberAt = at.Append(property.Name);
            if (!allowed.Contains(property.Name))
            {
                context.Report(memberAt, ErrorCodes.UnknownProperty, $"Unknown property '{property.Name}'; allowed here: {string.Join(", ", allowed)}.");
            }
            else if (!members.TryAdd(property.Name, property.Value))
            {
                // System.Text.Json would silently keep the last one; a repeated name is more likely a mistake.
                context.Report(memberAt, ErrorCodes.DuplicateProperty, $"'{property.Name}' is given more than once.");
            }
        }

        return new SpecObject(at, members, context);
    }

    /// <summary>The member, when present and not null.</summary>
    public bool TryGet(string name, out JsonElement value, out JsonPointer at)
    {
        at = At.Append(name);
        return _members.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>Like <see cref="TryGet"/>, reporting missing_field when the member is absent or null.</summary>
    public bool Require(string name, out JsonElement value, out JsonPointer at)
    {
        if (TryGet(name, out value, out at))
        {
            return true;
        }

        _context.Report(at, ErrorCodes.MissingField, $"'{name}' is required.");
        return false;
    }

    /// <summary>True when the member is there at all, even as null (null is refused where the model has no null).</summary>
    public bool HasRaw(string name, out JsonElement value, out JsonPointer at)
    {
        at = At.Append(name);
        return _members.TryGetValue(name, out value);
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
