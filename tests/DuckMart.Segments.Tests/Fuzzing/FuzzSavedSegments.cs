using System.Text.Json;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests.Fuzzing;

/// <summary>One saved segment, <c>power-users</c>, so that fuzzed references are sometimes valid.</summary>
public sealed class FuzzSavedSegments : ISavedSegments
{
    public static readonly FuzzSavedSegments Instance = new();

    private static readonly Condition PowerUsers = new AttributeCondition("age", "gte", JsonDocument.Parse("30").RootElement);

    public bool TryGet(string id, out Condition where)
    {
        where = PowerUsers;
        return id == "power-users";
    }
}
