using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace DuckMart.Segments.Tests.Fuzzing;

/// <summary>
/// Seeded source of hostile POST /segments bodies: the valid examples of CONTRACT.md section 3, mutated
/// (types swapped, fields dropped, duplicated or renamed, huge numbers, deep nesting, long strings, invalid
/// UTF-8, injection strings), and random trees. The same seed gives the same bodies, so a failure replays.
/// Shared with the HTTP fuzz tests (linked into DuckMart.Api.Tests).
/// </summary>
public sealed class SpecMutator(int seed)
{
    /// <summary>Every example condition of CONTRACT.md section 3, verbatim.</summary>
    public static readonly string[] Examples =
    [
        """{ "type": "attribute", "field": "age", "op": "between", "value": [25, 34] }""",
        """{ "type": "and", "of": [ { "type": "attribute", "field": "location", "op": "eq", "value": "California" }, { "type": "event", "name": "LOGIN" } ] }""",
        """{ "type": "or", "of": [ { "type": "attribute", "field": "gender", "op": "isNull" }, { "type": "not", "of": { "type": "event", "name": "LOGIN" } } ] }""",
        """{ "type": "attribute", "field": "location", "op": "eq", "value": "California" }""",
        """{ "type": "attribute", "field": "deviceType", "op": "in", "value": ["iOS", "Android"], "ignoreCase": true }""",
        """{ "type": "attribute", "field": "signupDate", "op": "inLast", "value": "P30D" }""",
        """{ "type": "attribute", "field": "signupDate", "op": "gte", "value": "-P30D" }""",
        """{ "type": "attribute", "field": "name", "op": "contains", "value": "an", "ignoreCase": true }""",
        """{ "type": "event", "name": "LOGIN" }""",
        """{ "type": "event", "name": "PURCHASE_MADE", "count": { "op": "gte", "value": 3 }, "window": { "last": "P30D" } }""",
        """{ "type": "event", "name": "LOGIN", "count": { "op": "eq", "value": 0 }, "window": { "last": "P14D" } }""",
        """{ "type": "event", "name": "LOGIN", "distinctDays": { "op": "gte", "value": 5 }, "window": { "last": "P30D" } }""",
        """{ "type": "event", "name": "PURCHASE_MADE", "first": { "op": "after", "value": "-P7D" } }""",
        """{ "type": "event", "name": "LOGIN", "last": { "op": "before", "value": "-P30D" } }""",
        """{ "type": "event", "name": "added to cart", "window": { "from": "2025-01-01T00:00:00Z", "to": "2025-06-01" } }""",
        """{ "type": "sequence", "window": { "last": "P30D" }, "steps": [ { "name": "VIEW_PRODUCT" }, { "name": "ADDED_TO_CART", "within": "PT1H" }, { "name": "PURCHASE_MADE", "absent": true, "within": "P1D" } ] }""",
        """{ "type": "segment", "id": "power-users" }""",
    ];

    /// <summary>Strings that break naive SQL, LIKE patterns, JSON, logs or encodings.</summary>
    public static readonly string[] HostileStrings =
    [
        "'; DROP TABLE users; --", "\"; DROP TABLE events; --", "' OR '1'='1", "%", "_", "\\", "%_\\%", "'", "''", "\"",
        "\0", "a\0b", "\u202Eevil", "🦆", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "İstanbul", "ß", "東京", "\uFFFF", "\uD800", "\r\n", "$1", "?", ":p1", "@p1",
        "{{x}}", "${jndi:ldap://x}", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "users", "read_csv('/etc/passwd')",
        "1; SELECT 1", "NULL", "null", "true", "-0", "NaN", "Infinity", "",  " ", "P", "P-1D", "P999999999999D", "-P", "PT", "+10000-01-01",
        "10000-01-01", "9999-12-31T23:59:60Z", "0000-00-00", "2025-02-30", "America/Nowhere", "../../etc/passwd",
    ];

    /// <summary>JSON number texts outside what 32- or 64-bit integers and doubles hold.</summary>
    public static readonly string[] HugeNumbers =
    [
        "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e400", "-1e400", "1e-400",
        "123456789012345678901234567890", "0.5", "-1", "2147483648", "1E2", "-0", "1.0000000000000000000001",
    ];

    private static readonly string[] Types = ["and", "or", "not", "attribute", "event", "sequence", "segment", "AND", "xor", ""];
    private static readonly string[] Fields = ["userId", "name", "age", "gender", "location", "signupDate", "subscriptionPlan", "deviceType", "user_id", "Age", "password", "events"];
    private static readonly string[] Ops =
    [
        "eq", "neq", "in", "notIn", "gt", "gte", "lt", "lte", "between", "contains", "startsWith", "endsWith", "isNull", "isNotNull",
        "inLast", "before", "after", "like", "EQ", "=",
    ];

    private static readonly string[] Names = ["type", "field", "op", "value", "of", "name", "count", "distinctDays", "first", "last", "window", "steps", "within", "absent", "id", "ignoreCase", "from", "to"];

    private readonly Random _random = new(seed);

    /// <summary>The next body (UTF-8 bytes, not always valid UTF-8 or JSON) and a short label of how it was made.</summary>
    public (byte[] Body, string How) Next()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 40 => (Encode(WrapRequest(Mutate(Parse(Pick(Examples)), 1 + _random.Next(4)))), "mutated example"),
            < 60 => (Encode(WrapRequest(RandomCondition(1 + _random.Next(5)))), "random tree"),
            < 75 => (MutateBytes(Encode(WrapRequest(Parse(Pick(Examples))))), "byte mutation"),
            < 85 => (Encoding.UTF8.GetBytes(MutateText(WrapRequest(Parse(Pick(Examples))))), "text mutation"),
            _ => Extreme(),
        };
    }

    public JsonNode RandomCondition(int depth)
    {
        var type = depth <= 1 ? Pick(["attribute", "event", "segment", "sequence"]) : Pick(Types);
        var node = new JsonObject { ["type"] = type };
        switch (type)
        {
            case "and" or "or":
                node["of"] = new JsonArray(Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => (JsonNode?)RandomCondition(depth - 1)).ToArray());
                break;
            case "not":
                node["of"] = RandomCondition(depth - 1);
                break;
            case "attribute":
                node["field"] = Pick(Fields);
                node["op"] = Pick(Ops);
                if (_random.Next(4) > 0)
                {
                    node["value"] = RandomValue();
                }

                if (_random.Next(4) == 0)
                {
                    node["ignoreCase"] = RandomValue();
                }

                break;
            case "event":
                node["name"] = _random.Next(3) == 0 ? Pick(HostileStrings) : Pick(["LOGIN", "PURCHASE_MADE", "added to cart", "VIEW_PRODUCT"]);
                if (_random.Next(2) == 0)
                {
                    node[Pick(["count", "distinctDays", "first", "last"])] = new JsonObject { ["op"] = Pick(Ops), ["value"] = RandomValue() };
                }

                if (_random.Next(2) == 0)
                {
                    node["window"] = _random.Next(2) == 0
                        ? new JsonObject { ["last"] = Pick(["P30D", "PT1H", "P2W", "P1Y", "-P1D", "P99999999D"]) }
                        : new JsonObject { ["from"] = RandomValue(), ["to"] = RandomValue() };
                }

                break;
            case "sequence":
                node["steps"] = new JsonArray(Enumerable.Range(0, _random.Next(4)).Select(_ => (JsonNode?)new JsonObject
                {
                    ["name"] = Pick(["LOGIN", "PURCHASE_MADE", "ADDED_TO_CART", .. HostileStrings]),
                    ["within"] = Pick(["PT1H", "P1D", "P0D", "-PT1H", "x"]),
                }).ToArray());
                break;
            case "segment":
                node["id"] = Pick(["power-users", "missing", "Power Users", .. HostileStrings]);
                break;
        }

        return node;
    }

    public JsonNode? RandomValue() => _random.Next(12) switch
    {
        0 => JsonValue.Create(_random.Next(-1000, 1000)),
        1 => JsonValue.Create(Pick(HostileStrings)),
        2 => JsonValue.Create(Pick(["2025-01-01", "-P30D", "2025-06-01T12:00:00Z", "P30D", "1/2/2025", "2025-13-45", "+275760-09-13"])),
        3 => null,
        4 => JsonValue.Create(_random.Next(2) == 0),
        5 => new JsonArray(RandomValue(), RandomValue()),
        6 => new JsonArray(Enumerable.Range(0, _random.Next(5)).Select(_ => RandomValue()).ToArray()),
        7 => new JsonObject { [Pick(Names)] = RandomValue() },
        8 => JsonValue.Create(_random.NextDouble() * 1e6),
        9 => JsonValue.Create(long.MaxValue - _random.Next(2)),
        10 => JsonValue.Create(Pick(["California", "iOS", "LOGIN", "F", "premium"])),
        _ => JsonValue.Create(new string(Pick(["x", "%", "'", "é"])[0], _random.Next(1, 3000))),
    };

    /// <summary>Raw JSON texts the mutations splice in where a JsonNode cannot hold them (numbers beyond double).</summary>
    private string RawValue() => _random.Next(2) == 0 ? Pick(HugeNumbers) : "\"" + Pick(["\\ud800", "\\u0000", "\\uDFFF\\uD800", "\\\\", "\\\""]) + "\"";

    private JsonNode Mutate(JsonNode root, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var all = Descendants(root).ToList();
            var target = all[_random.Next(all.Count)];
            switch (_random.Next(9))
            {
                case 0 when target is JsonObject obj && obj.Count > 0:
                    obj.Remove(obj.ElementAt(_random.Next(obj.Count)).Key);
                    break;
                case 1 when target is JsonObject obj && obj.Count > 0:
                    var property = obj.ElementAt(_random.Next(obj.Count));
                    var value = property.Value?.DeepClone();
                    obj.Remove(property.Key);
                    obj[Pick([.. Names, .. HostileStrings.Where(s => s.Length > 0)])] = value;
                    break;
                case 2 when target.Parent is JsonObject parent:
                    parent[ParentKey(parent, target)] = RandomValue();
                    break;
                case 3 when target.Parent is JsonArray array:
                    array.Add(target.DeepClone());
                    break;
                case 4 when target is JsonObject obj:
                    obj["type"] = Pick(Types);
                    break;
                case 5 when target is JsonObject obj:
                    obj["op"] = Pick(Ops);
                    break;
                case 6 when target is JsonObject obj:
                    obj[Pick(["value", "field", "name", "id"])] = Pick(HostileStrings);
                    break;
                case 7 when target.Parent is JsonObject parent:
                    var key = ParentKey(parent, target);
                    parent[key] = new JsonObject { ["type"] = "not", ["of"] = target.DeepClone() };
                    break;
                default:
                    if (target is JsonObject any)
                    {
                        any[Pick(Names)] = JsonValue.Create("__RAW__");
                    }

                    break;
            }
        }

        return root;
    }

    private string WrapRequest(JsonNode where)
    {
        var request = new JsonObject { ["where"] = where };
        if (_random.Next(3) == 0)
        {
            request["asOf"] = Pick(["2025-12-31T00:00:00Z", "2025-12-31", "not a date", "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"]);
        }

        if (_random.Next(3) == 0)
        {
            request["timezone"] = Pick(["UTC", "America/New_York", "Europe/Berlin", "Mars/Olympus", "", "../../etc/localtime", "+05:00"]);
        }

        if (_random.Next(3) == 0)
        {
            request["limit"] = RandomValue();
        }

        if (_random.Next(4) == 0)
        {
            request["cursor"] = RandomValue();
        }

        if (_random.Next(4) == 0)
        {
            request[Pick(["countOnly", "explain", "unknown"])] = RandomValue();
        }

        var text = request.ToJsonString();
        while (text.Contains("\"__RAW__\"", StringComparison.Ordinal))
        {
            var at = text.IndexOf("\"__RAW__\"", StringComparison.Ordinal);
            text = string.Concat(text.AsSpan(0, at), RawValue(), text.AsSpan(at + "\"__RAW__\"".Length));
        }

        return text;
    }

    private string MutateText(string json) => _random.Next(5) switch
    {
        // A duplicate discriminator, before and after the real one.
        0 => json.Replace("{\"type\":", "{\"type\":\"" + Pick(Types) + "\",\"type\":", StringComparison.Ordinal),
        // Duplicate a whole property.
        1 => json.Replace("\"op\":", "\"op\":\"eq\",\"op\":", StringComparison.Ordinal),
        2 => json[..Math.Max(1, _random.Next(json.Length))],
        3 => json.Replace(":", ": " + Pick(HugeNumbers) + " ,", StringComparison.Ordinal),
        _ => json.Replace("\"", "'", StringComparison.Ordinal),
    };

    private byte[] MutateBytes(byte[] body)
    {
        var bytes = body.ToList();
        for (var i = 0; i < 1 + _random.Next(4); i++)
        {
            var at = _random.Next(bytes.Count);
            switch (_random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)_random.Next(256);
                    break;
                case 1:
                    // Invalid UTF-8: a lone continuation byte, an overlong form, a truncated sequence, 0xFF.
                    bytes.InsertRange(at, Pick<byte[]>([[0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xFF], [0xED, 0xA0, 0x80]]));
                    break;
                case 2:
                    bytes.Insert(at, 0);
                    break;
                default:
                    bytes.RemoveAt(at);
                    break;
            }
        }

        return [.. bytes];
    }

    private (byte[] Body, string How) Extreme() => _random.Next(5) switch
    {
        0 => (HostileSpecs.Nested(10 + _random.Next(2_000)), "deep nesting"),
        1 => (HostileSpecs.InList(1_000 + _random.Next(20_000)), "long in list"),
        2 => (Encode(WrapRequest(Parse($$"""{ "type": "attribute", "field": "age", "op": "eq", "value": "__RAW__" }"""))), "huge number"),
        3 => (Encoding.UTF8.GetBytes($$"""{ "where": { "type": "attribute", "field": "name", "op": "eq", "value": "{{new string('q', 1_000 + _random.Next(100_000))}}" } }"""), "long string"),
        _ => (Encoding.UTF8.GetBytes($$"""{ "where": { "type": "and", "of": [{{string.Join(",", Enumerable.Repeat(Examples[8], 1 + _random.Next(2_000)))}}] } }"""), "many nodes"),
    };

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static string ParentKey(JsonObject parent, JsonNode child) => parent.First(p => ReferenceEquals(p.Value, child)).Key;

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    private static byte[] Encode(string json) => Encoding.UTF8.GetBytes(json);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public static int Iterations(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : ciDefault;

    public static int Seed(int fixedSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : fixedSeed;
}
