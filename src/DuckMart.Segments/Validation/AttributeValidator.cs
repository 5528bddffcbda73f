using System.Text.Json;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Validation;

/// <summary>
/// Checks an <c>attribute</c> condition: the field is in <see cref="FieldCatalog"/>, the operator suits the
/// field's kind, and the value has the shape that operator needs (CONTRACT.md "attribute").
/// </summary>
internal sealed class AttributeValidator(ValidationContext context)
{
    private static readonly string[] Members = ["type", "field", "op", "value", "ignoreCase"];
    private static readonly string[] Lists = ["in", "notIn"];
    private static readonly string[] Nulls = ["isNull", "isNotNull"];

    /// <summary>Every operator any kind allows; an operator outside this set is unknown, not merely misplaced.</summary>
    private static readonly HashSet<string> KnownOperators =
        [.. Enum.GetValues<FieldKind>().SelectMany(FieldCatalog.OperatorsFor)];


    public void Validate(JsonElement element, JsonPointer at)
    {
        if (SpecObject.Open(element, at, context, Members) is not { } node)
        {
            return;
        }

        var field = ReadField(node);
        var op = ReadOperator(node, field?.Kind);
        ReadIgnoreCase(node, field?.Kind);
        if (field is { } f && op is not null)
        {
            ValidateValue(node, f.Name, f.Kind, op);
        }
    }

    private (string Name, FieldKind Kind)? ReadField(SpecObject node)
    {
        if (!node.Require("field", out var element, out var at) || !SpecValues.ReadString(context, element, at, out var field))
        {
            return null;
        }

        if (!FieldCatalog.TryGetKind(field, out var kind))
        {
            context.Report(at, ErrorCodes.UnknownField, $"Unknown field '{field}'; expected one of {string.Join(", ", FieldCatalog.Fields.Keys)}.");
            return null;
        }

        return (field, kind);
    }

    private string? ReadOperator(SpecObject node, FieldKind? kind)
    {
        if (!node.Require("op", out var element, out var at) || !SpecValues.ReadString(context, element, at, out var op))
        {
            return null;
        }

        if (!KnownOperators.Contains(op))
        {
            context.Report(at, ErrorCodes.UnknownOperator, $"Unknown operator '{op}'; expected one of {string.Join(", ", KnownOperators)}.");
            return null;
        }

        if (kind is { } k && !FieldCatalog.OperatorsFor(k).Contains(op))
        {
            context.Report(at, ErrorCodes.OperatorNotAllowed, $"'{op}' does not apply to a {Describe(k)} field; allowed: {string.Join(", ", FieldCatalog.OperatorsFor(k))}.");
            return null;
        }

        return op;
    }

    /// <summary>ignoreCase on a number or a date would be silently meaningless, so it is an error rather than ignored.</summary>
    private void ReadIgnoreCase(SpecObject node, FieldKind? kind)
    {
        if (!node.HasRaw("ignoreCase", out var element, out var at) || !SpecValues.ReadBoolean(context, element, at, out var ignoreCase))
        {
            return;
        }

        if (ignoreCase && kind is { } k && k != FieldKind.String)
        {
            context.Report(at, ErrorCodes.IgnoreCaseNotAllowed, $"ignoreCase applies to text fields only, not to a {Describe(k)} field.");
        }
    }

    private void ValidateValue(SpecObject node, string field, FieldKind kind, string op)
    {
        var has = node.TryGet("value", out var value, out var at);
        if (Nulls.Contains(op))
        {
            if (has)
            {
                context.Report(at, ErrorCodes.ValueNotAllowed, $"'{op}' takes no value.");
            }

            return;
        }

        if (!has)
        {
            context.Report(at, ErrorCodes.MissingValue, $"'{op}' needs a value{(op is "eq" or "neq" ? " (to test for no value, use isNull or isNotNull)" : "")}.");
            return;
        }

        if (Lists.Contains(op))
        {
            ValidateList(value, at, kind, field);
        }
        else if (op == "between")
        {
            ValidateBetween(value, at, kind, field);
        }
        else if (op == "inLast")
        {
            SpecValues.ReadDuration(context, value, at, wholeDays: true, out _);
        }
        else if (op is "contains" or "startsWith" or "endsWith")
        {
            SpecValues.ReadString(context, value, at, out _);
        }
        else
        {
            ReadScalar(value, at, kind, field, out _);
        }
    }

    private void ValidateList(JsonElement value, JsonPointer at, FieldKind kind, string field)
    {
        if (!SpecValues.ReadArray(context, value, at, out var length))
        {
            return;
        }

        if (length == 0)
        {
            context.Report(at, ErrorCodes.EmptyList, "The list needs at least one value.");
            return;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            ReadScalar(item, at.Append(index++), kind, field, out _);
        }
    }

    private void ValidateBetween(JsonElement value, JsonPointer at, FieldKind kind, string field)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
        {
            context.Report(at, ErrorCodes.BetweenNeedsTwo, "'between' needs exactly two values: [low, high], both included.");
            return;
        }

        var lowOk = ReadScalar(value[0], at.Append(0), kind, field, out var low);
        var highOk = ReadScalar(value[1], at.Append(1), kind, field, out var high);
        if (lowOk && highOk && Compare(low, high) > 0)
        {
            context.Report(at, ErrorCodes.BetweenNotOrdered, "'between' needs [low, high] with low <= high.");
        }
    }

    /// <summary>One value of the field's kind: a long, a string, or a <see cref="TimePoint"/> for dates.</summary>
    private bool ReadScalar(JsonElement element, JsonPointer at, FieldKind kind, string field, out object? value)
    {
        value = null;
        switch (kind)
        {
            case FieldKind.Integer:
                // The field's bounds (FieldCatalog: ages are 0..150 at ingest); a comparison outside them is a typo, not a question.
                var (min, max) = FieldCatalog.TryGet(field, out var descriptor) ? (descriptor.Min ?? long.MinValue, descriptor.Max ?? long.MaxValue) : (long.MinValue, long.MaxValue);
                var okInteger = SpecValues.ReadIntegerIn(context, element, at, min, max, out var number);
                value = number;
                return okInteger;
            case FieldKind.Date:
                var okDate = SpecValues.ReadDate(context, element, at, out var date);
                value = date;
                return okDate;
            default:
                var okString = SpecValues.ReadString(context, element, at, out var text);
                value = text;
                return okString;
        }
    }

    /// <summary>Positive when low is after high; 0 when they cannot be ordered statically (a date against a relative date).</summary>
    private static int Compare(object? low, object? high) => (low, high) switch
    {
        (long a, long b) => a.CompareTo(b),
        (TimePoint a, TimePoint b) => SpecValues.Compare(a, b) ?? 0,
        _ => 0,
    };

    private static string Describe(FieldKind kind) => kind switch
    {
        FieldKind.Integer => "number",
        FieldKind.Date => "date",
        _ => "text",
    };
}
