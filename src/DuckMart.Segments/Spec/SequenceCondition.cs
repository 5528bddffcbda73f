namespace DuckMart.Segments.Spec;

/// <summary>Events done in order, each step at most its <c>within</c> after the one before (CONTRACT.md "sequence").</summary>
public sealed record SequenceCondition(IReadOnlyList<SequenceStep> Steps, EventWindow? Window = null) : Condition;
