using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Validation;

/// <summary>
/// The references between saved segments, as far as a new spec reaches into them. It answers two
/// questions: would a definition close a cycle, and how large and deep is a spec (in nodes, nesting and event
/// conditions) once every saved segment it names is inlined (as the translator will do). Sizes are memoised per id, so a diamond
/// of references that doubles at every level costs one visit per segment, not 2^n.
/// </summary>
internal sealed class SavedSegmentGraph(ISavedSegments saved)
{
    /// <summary>Stands for "too big to run" once a size overflows or a chain of references is implausibly long.</summary>
    private const int Huge = int.MaxValue / 4;

    private readonly Dictionary<string, InlinedSize> _sizes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);

    /// <summary>True when following references from <paramref name="from"/> leads to <paramref name="target"/>.</summary>
    public bool Reaches(string from, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var id))
        {
            if (id == target)
            {
                return true;
            }

            if (!saved.TryGet(id, out var where))
            {
                continue;
            }

            foreach (var (reference, _) in Walk(where))
            {
                if (reference is SegmentCondition s && seen.Add(s.Id))
                {
                    pending.Push(s.Id);
                }
            }
        }

        return false;
    }

    /// <summary>How many nodes and event conditions the saved segment <paramref name="id"/> has, and how deep it nests, with its own references inlined.</summary>
    public InlinedSize Expanded(string id)
    {
        if (_sizes.TryGetValue(id, out var known))
        {
            return known;
        }

        // A cycle among stored segments cannot be saved; should one exist anyway, or a chain run absurdly long, call it too big.
        if (!saved.TryGet(id, out var where) || _visiting.Count > 64 || !_visiting.Add(id))
        {
            return new InlinedSize(Huge, Huge, Huge);
        }

        long nodes = 0;
        long depth = 0;
        long events = 0;
        foreach (var (node, level) in Walk(where))
        {
            nodes += node is SequenceCondition sequence ? 1 + sequence.Steps.Count : 1;
            events += node switch
            {
                EventCondition => 1,
                SequenceCondition s => s.Steps.Count,
                _ => 0,
            };
            depth = Math.Max(depth, level);
            if (node is SegmentCondition reference)
            {
                var inner = Expanded(reference.Id);
                nodes += inner.Nodes;
                events += inner.EventConditions;
                depth = Math.Max(depth, level - 1L + inner.Depth);
            }
        }

        _visiting.Remove(id);
        var size = new InlinedSize((int)Math.Min(nodes, Huge), (int)Math.Min(depth, Huge), (int)Math.Min(events, Huge));
        _sizes[id] = size;
        return size;
    }

    /// <summary>Every condition under <paramref name="root"/> with its depth (root = 1), without recursion.</summary>
    private static IEnumerable<(Condition Node, int Depth)> Walk(Condition root)
    {
        var pending = new Stack<(Condition, int)>([(root, 1)]);
        while (pending.TryPop(out var item))
        {
            yield return item;
            var (node, depth) = item;
            var children = node switch
            {
                AndCondition a => a.Of,
                OrCondition o => o.Of,
                NotCondition n => [n.Of],
                _ => [],
            };
            foreach (var child in children)
            {
                pending.Push((child, depth + 1));
            }
        }
    }
}

/// <summary>A saved segment's size with its references inlined: what the limits of <see cref="SpecLimits"/> are about.</summary>
internal readonly record struct InlinedSize(int Nodes, int Depth, int EventConditions);
