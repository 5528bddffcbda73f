namespace DuckMart.Segments.Spec;

/// <summary>True when at least one of <see cref="Of"/> is (one or more conditions).</summary>
public sealed record OrCondition(IReadOnlyList<Condition> Of) : Condition;
