using System.Text.Json;

namespace DuckMart.Bench;

/// <summary>Reads the IDs out of response bodies without building a DOM: some answers hold 300k IDs.</summary>
public static class ResponseReader
{
    /// <summary>A POST /segments answer: <c>count</c>, and <c>userIds</c> unless countOnly.</summary>
    public static IdSet Segment(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        long count = -1;
        List<long>? ids = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            if (reader.ValueTextEquals("count"u8))
            {
                reader.Read();
                count = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("userIds"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    ids = [];
                    while (reader.Read() && reader.TokenType == JsonTokenType.Number)
                    {
                        ids.Add(reader.GetInt64());
                    }
                }
            }
        }

        if (count < 0)
        {
            throw new InvalidDataException("no count in the answer");
        }

        return ids is { Count: > 0 } || count == 0 ? IdSet.FromIds(ids ?? []) : IdSet.FromCount(count);
    }

    /// <summary>One OData page: the <c>userId</c> of each entity, and the next page's link if any.</summary>
    public static (List<long> Ids, long? Count, string? NextLink) ODataPage(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        var ids = new List<long>();
        long? count = null;
        string? next = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("@odata.count"u8))
            {
                reader.Read();
                count = reader.GetInt64();
            }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("@odata.nextLink"u8))
            {
                reader.Read();
                next = reader.GetString();
            }
            else if (reader.CurrentDepth == 3 && reader.ValueTextEquals("userId"u8))
            {
                reader.Read();
                ids.Add(reader.GetInt64());
            }
        }

        return (ids, count, next);
    }
}
