using DuckMart.Api.Reliability;
using DuckMart.Segments.Validation;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Security;

/// <summary>
/// The API's door (docs/reliability.md "Who may do what"): with a key configured, every request but /health
/// must present it; without one, only local callers get in unless remote reads are allowed, and writes
/// stay local. Runs before the query limiter so that refused callers never take a query slot.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<DuckMartSecurityOptions> options, ILogger<ApiKeyMiddleware> logger)
{
    private readonly DuckMartSecurityOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsHealth(context.Request))
        {
            await next(context);
            return;
        }

        if (_options.HasApiKey)
        {
            var presented = ApiKeyCheck.Presented(context.Request);
            if (!ApiKeyCheck.Matches(presented, _options.ApiKey!))
            {
                // Whether a key came, never what it was.
                logger.LogWarning("Refused a request without a valid API key (key presented: {KeyPresented})", presented is not null);
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await ProblemResponse.WriteAsync(
                    context,
                    StatusCodes.Status401Unauthorized,
                    "API key required",
                    $"Send the API key in the {ApiKeyCheck.HeaderName} header or as Authorization: Bearer.",
                    presented is null ? ErrorCodes.Http.ApiKeyMissing : ErrorCodes.Http.ApiKeyInvalid);
                return;
            }
        }
        else if (!LoopbackBinding.IsLocal(context.Connection) && (!_options.AllowRemote || IsWrite(context.Request)))
        {
            logger.LogWarning("Refused a remote {Method} request: no API key is configured", context.Request.Method);
            await ProblemResponse.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                "Remote access needs an API key",
                "This server has no API key configured, so it answers only callers on this machine"
                    + (_options.AllowRemote ? " for writes." : "."),
                ErrorCodes.Http.RemoteAccessRefused);
            return;
        }

        await next(context);
    }

    /// <summary>/health and anything below it: for load balancers and probes, which carry no key.</summary>
    public static bool IsHealth(HttpRequest request) =>
        request.Path.Equals("/health", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>Saving or deleting a segment (PUT/DELETE/PATCH /segments/{id}): always needs the key, or a local caller.</summary>
    public static bool IsWrite(HttpRequest request) =>
        (HttpMethods.IsPut(request.Method) || HttpMethods.IsDelete(request.Method) || HttpMethods.IsPatch(request.Method))
        && request.Path.StartsWithSegments("/segments", StringComparison.OrdinalIgnoreCase);
}
