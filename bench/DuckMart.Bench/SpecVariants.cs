using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DuckMart.Bench;

/// <summary>
/// Requests derived from a suite segment to probe linq2db's query cache: the same shape with other
/// values (must be a cache hit if values are parameters), and a shape never seen before (a miss).
/// </summary>
public static partial class SpecVariants
{
    /// <summary>Every number +1, every duration one unit longer, every attribute string changed; names and operators kept.</summary>
    public static byte[] OtherValues(byte[] body)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node["where"] = Change(node["where"]!.DeepClone(), key: null);
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    /// <summary>
    /// The segment nested <paramref name="salt"/> + 1 levels deep in <c>and</c>s, each with a condition no suite
    /// segment has: a new expression tree, so a cache miss, and a different depth for each salt so that two
    /// suite segments of the same shape (01 and 02) do not share their "miss". Nested, not listed side by side:
    /// the translator drops repeated children of one <c>and</c>, which would make every salt the same shape.
    /// </summary>
    public static byte[] NewShape(byte[] body, int salt)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        var where = node["where"]!.DeepClone();
        for (var i = 0; i <= salt; i++)
        {
            where = new JsonObject
            {
                ["type"] = "and",
                ["of"] = new JsonArray(where, new JsonObject { ["type"] = "attribute", ["field"] = "name", ["op"] = "isNotNull" }),
            };
        }

        node["where"] = where;
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    private static JsonNode? Change(JsonNode? node, string? key)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj.ToList())
                {
                    obj[property.Key] = Change(property.Value?.DeepClone(), property.Key);
                }

                return obj;
            case JsonArray array:
                return new JsonArray(array.Select(item => Change(item?.DeepClone(), key)).ToArray());
            case JsonValue value when value.TryGetValue<int>(out var number):
                return JsonValue.Create(number + 1);
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (Duration().IsMatch(text))
                {
                    return JsonValue.Create(Duration().Replace(text, m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) + m.Groups[2].Value, 1));
                }

                return key == "value" ? JsonValue.Create(text + "x") : node;
            default:
                return node;
        }
    }

    [GeneratedRegex(@"(?<=^-?PT?)(\d+)([DWHMS])")]
    private static partial Regex Duration();
}
