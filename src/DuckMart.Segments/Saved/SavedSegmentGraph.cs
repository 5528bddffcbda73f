using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Saved;

/// <summary>
/// The one reference graph of saved segments: which saved segments a condition names, whether following them
/// closes a cycle, and whether a chain of them runs too deep. Every place that follows references asks it:
/// validation before a save or a run (<see cref="Reaches"/>, <see cref="Expanded"/>), the planner and the bucket
/// renderer while they inline (<see cref="Follow{T}"/>), and the store over its whole file
/// (<see cref="SavedSegmentStore"/>: who refers to an id, which ids lead into a cycle or a chain too deep written by hand). One walk over
/// the model (<see cref="Walk"/>), one chain of references being followed, one set of refusals:
/// <list type="bullet">
/// <item>a cycle is <c>segment_cycle</c>, wherever it is met (validation used to call a cycle among stored
/// segments "too deep" and "too many nodes": it is neither, and the planner always said <c>segment_cycle</c>);</item>
/// <item>a chain of more than <see cref="MaxChain"/> references is <c>too_deep</c>, at evaluation as well
/// (the planner had no limit, so a LINQ caller's long chain could overflow the stack, which kills the process);</item>
/// <item>a reference to an id that does not exist is <c>unknown_segment</c>, however deep (validation used to
/// call one inside a saved segment "too deep").</item>
/// </list>
/// Validation reports each refusal at the JSON Pointer of the reference that leads to it; evaluation has a model,
/// not a document, so its pointer is the root.
/// </summary>
public sealed class SavedSegmentGraph(ISavedSegments saved)
{
    /// <summary>
    /// How many saved segments may be followed one inside another. A chain of pure references does not nest
    /// conditions any deeper, so <see cref="SpecLimits.MaxDepth"/> cannot bound it; this does, far above any real use.
    /// </summary>
    public const int MaxChain = 64;

    /// <summary>Stands for "too big to run" once a size overflows.</summary>
    private const int Huge = int.MaxValue / 4;

    private readonly Dictionary<string, (InlinedSize Size, SpecError? Refused)> _expanded = new(StringComparer.Ordinal);
    private readonly List<string> _chain = [];

    /// <summary>Every condition under <paramref name="root"/> with its depth (root = 1), saved segments not followed, without recursion.</summary>
    public static IEnumerable<(Condition Node, int Depth)> Walk(Condition root)
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

    /// <summary>The ids of the saved segments <paramref name="where"/> names itself (not those they name in turn).</summary>
    public static IReadOnlySet<string> ReferencesOf(Condition where) =>
        Walk(where).Select(n => n.Node).OfType<SegmentCondition>().Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

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

            foreach (var reference in ReferencesOf(where))
            {
                if (seen.Add(reference))
                {
                    pending.Push(reference);
                }
            }
        }

        return false;
    }

    /// <summary>
    /// How many nodes and event conditions the saved segment <paramref name="id"/> has, and how deep it nests, with its
    /// own references inlined (as the planner will); or why it cannot be inlined, reported at <paramref name="at"/>.
    /// Memoised per id, so a diamond of references that doubles at every level costs one visit per segment, not 2^n.
    /// </summary>
    public InlinedSize Expanded(string id, string at, out SpecError? refused)
    {
        if (_expanded.TryGetValue(id, out var known))
        {
            refused = known.Refused is { } r ? r with { Pointer = at } : null;
            return known.Size;
        }

        if (Enter(id, at, out var where) is { } refusal)
        {
            refused = refusal;
            return new InlinedSize(Huge, Huge, Huge);
        }

        long nodes = 0;
        long depth = 0;
        long events = 0;
        refused = null;
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
                var inner = Expanded(reference.Id, at, out var innerRefused);
                refused ??= innerRefused;
                nodes += inner.Nodes;
                events += inner.EventConditions;
                depth = Math.Max(depth, level - 1L + inner.Depth);
            }
        }

        _chain.RemoveAt(_chain.Count - 1);
        var size = new InlinedSize((int)Math.Min(nodes, Huge), (int)Math.Min(depth, Huge), (int)Math.Min(events, Huge));
        _expanded[id] = (size, refused);
        return size;
    }

    /// <summary>
    /// Follows the reference to <paramref name="id"/> while <paramref name="inline"/> turns its condition into what
    /// the caller builds (a plan, a SQL tree); inside it, the same graph follows the references that condition names.
    /// </summary>
    /// <exception cref="SegmentException">segment_cycle, unknown_segment or too_deep, at the root.</exception>
    public T Follow<T>(string id, Func<Condition, T> inline)
    {
        if (Enter(id, "", out var where) is { } refusal)
        {
            throw new SegmentException([refusal]);
        }

        try
        {
            return inline(where);
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    /// <summary>Puts <paramref name="id"/> on the chain being followed and reads its condition, or says why it cannot be followed.</summary>
    private SpecError? Enter(string id, string at, out Condition where)
    {
        where = null!;
        if (_chain.Contains(id))
        {
            var path = string.Join(" -> ", _chain.Append(id));
            return new SpecError(at, ErrorCodes.SegmentCycle, $"Saved segments refer to each other in a cycle: {path}.");
        }

        if (_chain.Count >= MaxChain)
        {
            return new SpecError(at, ErrorCodes.TooDeep, $"Saved segments refer to one another more than {MaxChain} deep, from '{_chain[0]}'.");
        }

        if (!saved.TryGet(id, out where))
        {
            return new SpecError(at, ErrorCodes.UnknownSegment, $"There is no saved segment '{id}'.");
        }

        _chain.Add(id);
        return null;
    }
}

/// <summary>A saved segment's size with its references inlined: what the limits of <see cref="SpecLimits"/> are about.</summary>
public readonly record struct InlinedSize(int Nodes, int Depth, int EventConditions);
