namespace DuckMart.Segments.Spec;

/// <summary>Plain negation: logic is two-valued, so this is exactly the users <see cref="Of"/> leaves out.</summary>
public sealed record NotCondition(Condition Of) : Condition;
