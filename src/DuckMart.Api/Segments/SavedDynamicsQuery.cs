using System.Globalization;
using System.Text.Json;

namespace DuckMart.Api.Segments;

/// <summary>
/// GET /segments/{id}/changes and /sizes as the POST body they stand for: <c>{ "where": { "type": "segment",
/// "id": … }, "from": …, … }</c>. The same reader then checks them, so a bad query value gets the same code as
/// the same bad body member, and its pointer names the parameter (<c>/from</c> for <c>?from=</c>).
/// </summary>
public static class SavedDynamicsQuery
{
    public static byte[] Body(string id, IEnumerable<(string Name, string? Value)> parameters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("where");
            json.WriteString("type", "segment");
            json.WriteString("id", id);
            json.WriteEndObject();
            foreach (var (name, value) in parameters)
            {
                if (value is null)
                {
                    continue;
                }

                // An unencoded '+' of an offset arrives as a space (form encoding): read it as the '+' that was meant.
                var text = name is "from" or "to" ? value.Replace(' ', '+') : value;
                if (name == "limit" && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    json.WriteNumber(name, number);
                }
                else
                {
                    json.WriteString(name, text);
                }
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
