using System.Text.Json;

namespace DuckMart.Segments.Validation;

/// <summary>
/// Checks a <c>sequence</c> condition: one or more named steps, each step a node against the node limit,
/// and <c>absent</c> only on the last step, with a <c>within</c> and a step before it.
/// </summary>
internal sealed class SequenceValidator(ValidationContext context)
{
    private static readonly string[] Members = ["type", "steps", "window"];
    private static readonly string[] StepMembers = ["name", "within", "absent"];

    public void Validate(JsonElement element, JsonPointer at)
    {
        if (SpecObject.Open(element, at, context, Members) is not { } node)
        {
            return;
        }

        WindowValidator.ValidateWindow(context, node);
        if (!node.Require("steps", out var steps, out var stepsAt) || !SpecValues.ReadArray(context, steps, stepsAt, out var length))
        {
            return;
        }

        if (length == 0)
        {
            context.Report(stepsAt, ErrorCodes.EmptySequence, "A sequence needs at least one step.");
            return;
        }

        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            var stepAt = stepsAt.Append(index);
            if (!context.CountNode(stepAt))
            {
                return;
            }

            context.CountEventCondition(stepAt);
            ValidateStep(step, stepAt, index, length);
            index++;
        }
    }

    private void ValidateStep(JsonElement element, JsonPointer at, int index, int count)
    {
        if (SpecObject.Open(element, at, context, StepMembers) is not { } step)
        {
            return;
        }

        if (step.Require("name", out var name, out var nameAt))
        {
            WindowValidator.ReadEventName(context, name, nameAt);
        }

        var hasWithin = step.TryGet("within", out var within, out var withinAt);
        if (hasWithin)
        {
            SpecValues.ReadDuration(context, within, withinAt, wholeDays: false, out _);
        }

        if (!step.HasRaw("absent", out var absentElement, out var absentAt)
            || !SpecValues.ReadBoolean(context, absentElement, absentAt, out var absent) || !absent)
        {
            return;
        }

        if (index != count - 1)
        {
            context.Report(absentAt, ErrorCodes.AbsentNotLast, "Only the last step may be absent.");
        }
        else if (index == 0)
        {
            context.Report(absentAt, ErrorCodes.AbsentNeedsPrevious, "An absent step needs a step before it to follow.");
        }

        if (!hasWithin)
        {
            context.Report(withinAt, ErrorCodes.AbsentNeedsWithin, "An absent step needs 'within': how long after the step before it nothing may follow.");
        }
    }
}
