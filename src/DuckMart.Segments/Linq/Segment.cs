using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using DuckMart.Domain;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;
using LinqToDB;

namespace DuckMart.Segments.Linq;

/// <summary>
/// A segment for .NET code: a condition (parsed from the JSON spec or built with <see cref="Conditions"/>) that
/// becomes a predicate over <see cref="User"/>, or filters <c>db.Users</c> directly. See docs/linq.md.
/// <code>
/// var segment = Segment.Where(Conditions.Attribute("location").Eq("California").And(Conditions.Event("LOGIN")));
/// var ids = db.Users.Where(segment).Select(u => u.UserId).ToList();
/// </code>
/// </summary>
public sealed class Segment
{
    private Segment(Condition condition, ISavedSegments saved)
    {
        Condition = condition;
        Saved = saved;
    }

    /// <summary>The model, the same one the JSON spec reads into.</summary>
    public Condition Condition { get; }

    /// <summary>What <c>{ "type": "segment", "id": … }</c> references resolve against.</summary>
    public ISavedSegments Saved { get; }

    /// <summary>A segment of an already built (and trusted) condition.</summary>
    public static Segment Where(Condition condition, ISavedSegments? saved = null) =>
        new(condition ?? throw new ArgumentNullException(nameof(condition)), saved ?? NoSavedSegments.Instance);

    /// <summary>
    /// Reads and validates a JSON spec: a bare condition or a request-like <c>{ "where": … }</c>. Throws
    /// <see cref="SegmentException"/> listing every error.
    /// </summary>
    public static Segment Parse(string json, ISavedSegments? saved = null)
    {
        saved ??= NoSavedSegments.Instance;
        var utf8 = Encoding.UTF8.GetBytes(json);
        using (var document = JsonDocument.Parse(utf8))
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("type", out _) && root.TryGetProperty("where", out var where))
            {
                utf8 = Encoding.UTF8.GetBytes(where.GetRawText());
            }
        }

        return new Segment(SegmentSpecReader.ReadCondition(utf8, saved), saved);
    }

    public Segment And(Segment other) => new(Condition.And(other.Condition), Saved);

    public Segment Or(Segment other) => new(Condition.Or(other.Condition), Saved);

    public Segment Not() => new(Condition.Not(), Saved);

    /// <summary>
    /// The predicate at <paramref name="asOf"/> (default: now) with calendar days counted in <paramref name="timezone"/>
    /// (an IANA id, default UTC). Event conditions become subqueries on <paramref name="db"/>'s events table.
    /// </summary>
    public Expression<Func<User, bool>> ToPredicate(IDataContext db, DateTimeOffset? asOf = null, string? timezone = null) =>
        new SegmentTranslator(db, Saved).Translate(Condition, Time(asOf, timezone));

    /// <summary>The evaluation moment for <paramref name="asOf"/> and <paramref name="timezone"/>.</summary>
    public static EvaluationTime Time(DateTimeOffset? asOf = null, string? timezone = null) =>
        EvaluationTimeResolver.Resolve(asOf, timezone, DateTimeOffset.UtcNow);

    /// <summary>The spec as JSON (computed helpers such as CountMeasure.Range left out, as the reader's SegmentJson does).</summary>
    public override string ToString() => JsonSerializer.Serialize(Condition, SegmentJson.Options);
}
