using System.Text.Json;

namespace DuckMart.Segments.Saved;

/// <summary>
/// The reference graph of the stored segments, over their JSON (a stored definition may no longer read as a model):
/// which segments refer to an id (a delete is then a 409) and which ids sit on a cycle that someone wrote into the
/// file by hand (PUT refuses cycles through <c>SavedSegmentGraph</c>), so the store answers those as unknown instead
/// of guarding its own recursion.
/// </summary>
public sealed class SavedSegmentReferences
{
    private readonly Dictionary<string, IReadOnlySet<string>> _references;

    public SavedSegmentReferences(IReadOnlyDictionary<string, SavedSegment> segments)
    {
        _references = segments.ToDictionary(s => s.Key, s => Of(s.Value.Where), StringComparer.Ordinal);
        OnCycles = FindCycles();
    }

    /// <summary>Every id from which following references leads back to itself.</summary>
    public IReadOnlySet<string> OnCycles { get; }

    /// <summary>The ids of the other segments whose definitions name <paramref name="id"/>.</summary>
    public IReadOnlyList<string> ReferredToBy(string id) =>
        _references.Where(r => r.Key != id && r.Value.Contains(id)).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>The ids of every <c>{ "type": "segment", "id": … }</c> node in a stored condition.</summary>
    public static IReadOnlySet<string> Of(JsonElement where)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonElement>();
        pending.Push(where);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.ValueKind == JsonValueKind.Object)
            {
                if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "segment"
                    && node.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    found.Add(id.GetString()!);
                }

                foreach (var property in node.EnumerateObject())
                {
                    pending.Push(property.Value);
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in node.EnumerateArray())
                {
                    pending.Push(item);
                }
            }
        }

        return found;
    }

    // An id is on a cycle when it can reach itself; the file holds at most a few hundred segments, so a walk from each will do.
    private HashSet<string> FindCycles()
    {
        var onCycles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in _references.Keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(_references[start]);
            while (pending.TryPop(out var id))
            {
                if (id == start)
                {
                    onCycles.Add(start);
                    break;
                }

                if (seen.Add(id) && _references.TryGetValue(id, out var next))
                {
                    foreach (var n in next)
                    {
                        pending.Push(n);
                    }
                }
            }
        }

        return onCycles;
    }
}
