using System.ComponentModel.DataAnnotations;

namespace DuckMart.Api.Security;

/// <summary>
/// Who may call the API (docs/reliability.md). Bound from the <c>DuckMart</c> configuration section;
/// the key may also come from the environment variable <c>DUCKMART_API_KEY</c>, and must never be in the repository.
/// </summary>
public sealed record DuckMartSecurityOptions : IValidatableObject
{
    public const string Section = "DuckMart";
    public const string ApiKeyEnvironmentVariable = "DUCKMART_API_KEY";
    public const string AllowRemoteEnvironmentVariable = "DUCKMART_ALLOW_REMOTE";

    /// <summary>Long enough that guessing it over HTTP is hopeless.</summary>
    public const int MinApiKeyLength = 16;

    /// <summary>When set, every endpoint but /health requires it (<c>X-Api-Key</c> or <c>Authorization: Bearer</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Without a key, the server listens on loopback only and refuses remote callers, unless this is true;
    /// then remote callers may read, and writes (PUT/DELETE /segments/{id}) stay loopback-only.
    /// </summary>
    public bool AllowRemote { get; set; }

    public bool HasApiKey => !string.IsNullOrEmpty(ApiKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiKey is null || ApiKey.Length == 0)
        {
            yield break;
        }

        // Never the key itself in the message: it would end up in the startup log.
        if (ApiKey.Length < MinApiKeyLength)
        {
            yield return new ValidationResult($"DuckMart:ApiKey must be at least {MinApiKeyLength} characters.", [nameof(ApiKey)]);
        }

        if (ApiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            yield return new ValidationResult("DuckMart:ApiKey must not contain spaces or control characters (it travels in an HTTP header).", [nameof(ApiKey)]);
        }
    }
}
