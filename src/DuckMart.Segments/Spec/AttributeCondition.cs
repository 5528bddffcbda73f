using System.Text.Json;

namespace DuckMart.Segments.Spec;

/// <summary>
/// A test of one user attribute. <see cref="Value"/> stays JSON here because its type depends on the
/// field (a number for age, a date or relative date for signupDate, a list for in/between); the
/// validator checks it against <see cref="FieldCatalog"/> and the translator reads it the same way.
/// </summary>
public sealed record AttributeCondition(string Field, string Op, JsonElement? Value = null, bool IgnoreCase = false) : Condition;
