namespace DuckMart.Segments.Spec;

/// <summary>True when every one of <see cref="Of"/> is (one or more conditions).</summary>
public sealed record AndCondition(IReadOnlyList<Condition> Of) : Condition;
