using CsCheck;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests.Differential;

/// <summary>
/// The part of <see cref="SpecGenerators"/> that plain LINQ and <c>$filter</c> can say: attributes and events without
/// distinctDays, under and/or/not (no sequences, no saved segments).
/// </summary>
public static class ExpressibleSpecs
{
    public static Gen<Condition> Expressible(int depth) => depth == 0
        ? Gen.Frequency(
            (1, SpecGenerators.Attribute.Select(a => (Condition)a)),
            (1, SpecGenerators.Event.Where(e => e.DistinctDays is null).Select(e => (Condition)e)))
        : Gen.Frequency(
            (4, Expressible(0)),
            (2, Expressible(depth - 1).Array[1, 3].Select(a => (Condition)new AndCondition(a))),
            (2, Expressible(depth - 1).Array[1, 3].Select(a => (Condition)new OrCondition(a))),
            (2, Expressible(depth - 1).Select(c => (Condition)new NotCondition(c))));

    public static readonly Gen<(Condition Where, DateTime AsOf, string Zone)> Case =
        Gen.Select(Expressible(3), Gen.OneOf(DifferentialData.AsOfs), Gen.OneOf(DifferentialData.Zones));
}
