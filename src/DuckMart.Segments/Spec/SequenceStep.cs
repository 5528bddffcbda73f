namespace DuckMart.Segments.Spec;

/// <summary>
/// One step of a sequence. <see cref="Absent"/> is allowed on the last step only, and needs <see cref="Within"/>:
/// no such event follows the chain's last event within that time.
/// </summary>
public sealed record SequenceStep(string Name, IsoDuration? Within = null, bool Absent = false);
