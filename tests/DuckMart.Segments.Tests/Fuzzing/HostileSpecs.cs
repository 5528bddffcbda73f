using System.Text;

namespace DuckMart.Segments.Tests.Fuzzing;

/// <summary>
/// The named hostile inputs of issue 6, each of which must get a 4xx quickly: deep nesting, a huge body, a huge
/// in list, invalid UTF-8, numbers beyond 64 bits, dates beyond 9999. Shared with the HTTP tests.
/// </summary>
public static class HostileSpecs
{
    /// <summary>A valid condition wrapped in <paramref name="depth"/> levels of <c>not</c>/<c>and</c>.</summary>
    public static byte[] Nested(int depth)
    {
        var text = new StringBuilder("{\"where\":");
        for (var i = 0; i < depth; i++)
        {
            text.Append(i % 2 == 0 ? "{\"type\":\"not\",\"of\":" : "{\"type\":\"and\",\"of\":[");
        }

        text.Append("{\"type\":\"event\",\"name\":\"LOGIN\"}");
        for (var i = depth - 1; i >= 0; i--)
        {
            text.Append(i % 2 == 0 ? "}" : "]}");
        }

        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    /// <summary>An <c>in</c> list of <paramref name="length"/> user ids.</summary>
    public static byte[] InList(int length)
    {
        var text = new StringBuilder("{\"where\":{\"type\":\"attribute\",\"field\":\"userId\",\"op\":\"in\",\"value\":[", length * 8);
        for (var i = 0; i < length; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(i);
        }

        return Encoding.UTF8.GetBytes(text.Append("]}}").ToString());
    }

    /// <summary>A syntactically valid spec padded to <paramref name="bytes"/> with a long string value.</summary>
    public static byte[] Huge(int bytes)
    {
        const string head = "{\"where\":{\"type\":\"attribute\",\"field\":\"name\",\"op\":\"eq\",\"value\":\"";
        const string tail = "\"}}";
        var body = new byte[bytes];
        Encoding.ASCII.GetBytes(head).CopyTo(body, 0);
        body.AsSpan(head.Length, bytes - head.Length - tail.Length).Fill((byte)'a');
        Encoding.ASCII.GetBytes(tail).CopyTo(body, bytes - tail.Length);
        return body;
    }

    /// <summary>"Cal" + an invalid UTF-8 sequence + "ifornia" as a value.</summary>
    public static byte[] InvalidUtf8()
    {
        var head = Encoding.ASCII.GetBytes("{\"where\":{\"type\":\"attribute\",\"field\":\"location\",\"op\":\"eq\",\"value\":\"Cal");
        var tail = Encoding.ASCII.GetBytes("ifornia\"}}");
        return [.. head, 0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80, .. tail];
    }

    public static byte[] NumberBeyond64Bits() =>
        Encoding.UTF8.GetBytes("""{"where":{"type":"attribute","field":"age","op":"gt","value":18446744073709551616}}""");

    public static byte[] CountBeyond64Bits() =>
        Encoding.UTF8.GetBytes("""{"where":{"type":"event","name":"LOGIN","count":{"op":"gte","value":123456789012345678901234567890}}}""");

    public static byte[] DateBeyond9999() =>
        Encoding.UTF8.GetBytes("""{"where":{"type":"attribute","field":"signupDate","op":"lt","value":"10000-01-01"}}""");

    public static byte[] AsOfBeyond9999() =>
        Encoding.UTF8.GetBytes("""{"where":{"type":"event","name":"LOGIN"},"asOf":"+10000-01-01T00:00:00Z"}""");

    public static byte[] WindowBeyond9999() =>
        Encoding.UTF8.GetBytes("""{"where":{"type":"event","name":"LOGIN","window":{"from":"2025-01-01T00:00:00Z","to":"10000-01-01T00:00:00Z"}}}""");

    /// <summary>Every named case, for theories: name and body.</summary>
    public static IEnumerable<(string Name, Func<byte[]> Body)> All() =>
    [
        ("10,000-deep spec", () => Nested(10_000)),
        ("50 MB body", () => Huge(50 * 1024 * 1024)),
        ("million-element in list", () => InList(1_000_000)),
        ("invalid UTF-8", InvalidUtf8),
        ("number beyond 64 bits", NumberBeyond64Bits),
        ("count beyond 64 bits", CountBeyond64Bits),
        ("date beyond 9999", DateBeyond9999),
        ("asOf beyond 9999", AsOfBeyond9999),
        ("window beyond 9999", WindowBeyond9999),
    ];
}
