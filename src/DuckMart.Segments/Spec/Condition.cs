using System.Text.Json.Serialization;

namespace DuckMart.Segments.Spec;

/// <summary>
/// A segment condition: true or false for every user, never unknown (CONTRACT.md section 3).
/// The JSON discriminator is <c>type</c>; the reader accepts it anywhere in the object.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(AndCondition), "and")]
[JsonDerivedType(typeof(OrCondition), "or")]
[JsonDerivedType(typeof(NotCondition), "not")]
[JsonDerivedType(typeof(AttributeCondition), "attribute")]
[JsonDerivedType(typeof(EventCondition), "event")]
[JsonDerivedType(typeof(SequenceCondition), "sequence")]
[JsonDerivedType(typeof(SegmentCondition), "segment")]
public abstract record Condition;
