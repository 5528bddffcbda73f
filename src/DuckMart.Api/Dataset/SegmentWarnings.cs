using System.Globalization;
using System.Text.Json;
using DuckMart.Domain;
using DuckMart.Segments.Spec;

namespace DuckMart.Api.Dataset;

/// <summary>
/// Finds what in a valid segment the loaded data makes suspicious: an event name no loaded event has, an
/// <c>eq</c> / <c>in</c> value no loaded user has (with a did-you-mean), and a time window that lies wholly
/// outside the time the loaded events span. Pointers follow the request body as the reader read it
/// (<c>/where/of/1/name</c>); a saved segment's own conditions are its definition's business, not the request's.
/// </summary>
public static class SegmentWarnings
{
    private static readonly HashSet<string> CheckedOps = new(StringComparer.Ordinal) { "eq", "in" };

    public static IReadOnlyList<SegmentWarning> Find(Condition where, EvaluationTime time, DataVocabulary vocabulary, string pointer = "/where")
    {
        var warnings = new List<SegmentWarning>();
        Walk(where, pointer, time, vocabulary, warnings);
        return warnings;
    }

    private static void Walk(Condition condition, string pointer, EvaluationTime time, DataVocabulary vocabulary, List<SegmentWarning> warnings)
    {
        switch (condition)
        {
            case AndCondition and:
                for (var i = 0; i < and.Of.Count; i++)
                {
                    Walk(and.Of[i], $"{pointer}/of/{i}", time, vocabulary, warnings);
                }

                break;
            case OrCondition or:
                for (var i = 0; i < or.Of.Count; i++)
                {
                    Walk(or.Of[i], $"{pointer}/of/{i}", time, vocabulary, warnings);
                }

                break;
            case NotCondition not:
                Walk(not.Of, pointer + "/of", time, vocabulary, warnings);
                break;
            case AttributeCondition attribute:
                CheckValues(attribute, pointer, vocabulary, warnings);
                break;
            case EventCondition e:
                if (e.Name is not null)
                {
                    CheckEventName(e.Name, pointer + "/name", vocabulary, warnings);
                }

                CheckWindow(e.Window, pointer, time, vocabulary.Dataset, warnings);
                break;
            case SequenceCondition sequence:
                for (var i = 0; i < sequence.Steps.Count; i++)
                {
                    CheckEventName(sequence.Steps[i].Name, $"{pointer}/steps/{i}/name", vocabulary, warnings);
                }

                CheckWindow(sequence.Window, pointer, time, vocabulary.Dataset, warnings);
                break;
        }
    }

    private static void CheckEventName(string name, string pointer, DataVocabulary vocabulary, List<SegmentWarning> warnings)
    {
        var normalized = EventNames.Normalize(name);
        var known = vocabulary.Events;
        if (!known.Complete || known.Items.Any(v => v.Value == normalized))
        {
            return;
        }

        var message = $"no event is named '{normalized}'";
        if (DidYouMean.Closest(normalized, known.Items) is { } suggestion)
        {
            message += $"; did you mean '{suggestion}'?";
        }
        else if (known.Items.Count > 0)
        {
            message += $"; the loaded events are named {string.Join(", ", known.Items.Take(10).Select(v => v.Value))}{(known.Items.Count > 10 ? ", …" : "")}";
        }

        warnings.Add(new(pointer, WarningCodes.UnknownEventName, message));
    }

    private static void CheckValues(AttributeCondition attribute, string pointer, DataVocabulary vocabulary, List<SegmentWarning> warnings)
    {
        if (!CheckedOps.Contains(attribute.Op) || attribute.Value is not { } value
            || !vocabulary.Values.TryGetValue(attribute.Field, out var known) || !known.Complete)
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            CheckValue(attribute, value.GetString()!, pointer + "/value", known, warnings);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    CheckValue(attribute, item.GetString()!, $"{pointer}/value/{i}", known, warnings);
                }

                i++;
            }
        }
    }

    private static void CheckValue(AttributeCondition attribute, string text, string pointer, ValueList known, List<SegmentWarning> warnings)
    {
        var comparison = attribute.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (known.Items.Any(v => string.Equals(v.Value, text, comparison)))
        {
            return;
        }

        var message = $"no user has {attribute.Field} '{text}'";
        if (DidYouMean.Closest(text, known.Items) is { } suggestion)
        {
            message += $"; did you mean '{suggestion}'?";
        }

        warnings.Add(new(pointer, WarningCodes.UnknownValue, message));
    }

    /// <summary>
    /// The events a window sees are those in [from, to) before asOf. When that span ends at or before the first
    /// loaded event, or starts after the last, nothing is seen: the usual cause is data generated or loaded long
    /// before asOf (the request's arrival by default), and the cure is an asOf inside the data.
    /// </summary>
    private static void CheckWindow(EventWindow? window, string pointer, EvaluationTime time, DatasetSummary data, List<SegmentWarning> warnings)
    {
        if (data.FirstEvent is not { } first || data.LastEvent is not { } last)
        {
            return;
        }

        var end = time.AsOfUtc;
        DateTime? start = null;
        if (window?.Last is { } length)
        {
            start = end - length.ToTimeSpan();
        }

        if (window?.From is { } from)
        {
            start = from.Resolve(time);
        }

        if (window?.To is { } to && to.Resolve(time) is var toUtc && toUtc < end)
        {
            end = toUtc;
        }

        if (end > first && (start is null || start <= last))
        {
            return;
        }

        var span = start is { } s ? $"from {Format(s)} to {Format(end)}" : $"before {Format(end)}";
        var message = $"no loaded event lies in this window ({span}): the events run from {Format(first)} to {Format(last)}";
        if (window is null || start > last)
        {
            message += $"; to see them, send an asOf inside that range, such as \"asOf\": \"{Format(data.SuggestedAsOf!.Value)}\"";
        }

        warnings.Add(new(window is null ? pointer : pointer + "/window", WarningCodes.WindowOutsideData, message));
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
