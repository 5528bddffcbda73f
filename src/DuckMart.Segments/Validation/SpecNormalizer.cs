using DuckMart.Domain;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Validation;

/// <summary>
/// Rewrites a validated model into the one spelling the translator sees: event and step names
/// normalised exactly as ingest stores them. Recursion is safe here: the validator has bounded the depth.
/// </summary>
internal static class SpecNormalizer
{
    public static Condition Normalize(Condition condition) => condition switch
    {
        AndCondition a => a with { Of = [.. a.Of.Select(Normalize)] },
        OrCondition o => o with { Of = [.. o.Of.Select(Normalize)] },
        NotCondition n => n with { Of = Normalize(n.Of) },
        EventCondition e => e with { Name = e.Name is null ? null : EventNames.Normalize(e.Name) },
        SequenceCondition s => s with { Steps = [.. s.Steps.Select(step => step with { Name = EventNames.Normalize(step.Name) })] },
        _ => condition,
    };
}
