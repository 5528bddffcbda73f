using DuckMart.Segments.Saved;

namespace DuckMart.Segments.Validation;

/// <summary>
/// The checks on <c>segment</c> references that need the whole spec first: a definition being saved must
/// not reach itself, every reference must be one the planner can follow (<see cref="SavedSegmentGraph"/>: no
/// cycle, no unknown id, no chain too deep), and the spec with every saved segment inlined must stay within the limits.
/// </summary>
internal static class ReferenceChecks
{
    public static void Run(ValidationContext context, string? savingId)
    {
        if (context.References.Count == 0)
        {
            return;
        }

        var graph = new SavedSegmentGraph(context.Saved);
        long nodes = context.Nodes;
        var tooMany = context.Nodes > context.Limits.MaxNodes;
        long events = context.EventConditions;
        var tooManyEvents = context.EventConditions > context.Limits.MaxEventConditions;
        foreach (var reference in context.References)
        {
            if (savingId is not null && (reference.Id == savingId || graph.Reaches(reference.Id, savingId)))
            {
                context.Report(reference.At, ErrorCodes.SegmentCycle, $"Saving '{savingId}' with a reference to '{reference.Id}' would make it refer to itself.");
                continue;
            }

            var inlined = graph.Expanded(reference.Id, reference.At.Value, out var refused);
            if (refused is not null)
            {
                // Why it cannot be inlined at all: its size would say nothing more.
                context.Report(reference.At, refused.Code, refused.Message);
                continue;
            }

            if (reference.Depth - 1L + inlined.Depth > context.Limits.MaxDepth)
            {
                context.Report(reference.At, ErrorCodes.TooDeep, $"With saved segment '{reference.Id}' inlined, conditions nest more than {context.Limits.MaxDepth} deep.");
            }

            nodes += inlined.Nodes;
            if (!tooMany && nodes > context.Limits.MaxNodes)
            {
                tooMany = true;
                context.Report(reference.At, ErrorCodes.TooManyNodes, $"With saved segment '{reference.Id}' inlined, the spec holds more than {context.Limits.MaxNodes} conditions and steps.");
            }

            // Each event condition is its own subquery: hundreds cost linq2db seconds that no time limit interrupts.
            events += inlined.EventConditions;
            if (!tooManyEvents && events > context.Limits.MaxEventConditions)
            {
                tooManyEvents = true;
                context.Report(reference.At, ErrorCodes.TooManyEventConditions, $"With saved segment '{reference.Id}' inlined, the spec holds more than {context.Limits.MaxEventConditions} event conditions and sequence steps.");
            }
        }
    }
}
