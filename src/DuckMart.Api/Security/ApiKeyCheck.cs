using System.Security.Cryptography;
using System.Text;

namespace DuckMart.Api.Security;

/// <summary>Finds the key a request presents and compares it with the configured one in constant time.</summary>
public static class ApiKeyCheck
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>The key from <c>X-Api-Key</c>, else from <c>Authorization: Bearer</c>; null when neither is there.</summary>
    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers[HeaderName];
        if (header.Count > 0 && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            ? authorization[bearer.Length..].Trim()
            : null;
    }

    /// <summary>
    /// Compares the SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>: the time taken
    /// says nothing about how much of the key, or what length of key, a caller got right.
    /// </summary>
    public static bool Matches(string? presented, string expected)
    {
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> wanted = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? ""), actual);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), wanted);
        return CryptographicOperations.FixedTimeEquals(actual, wanted) && presented is not null;
    }
}
