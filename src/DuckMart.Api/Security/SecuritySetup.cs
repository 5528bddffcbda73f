using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Security;

/// <summary>Registers and switches on the API key and the loopback-only default (docs/reliability.md).</summary>
public static class SecuritySetup
{
    public static IServiceCollection AddDuckMartSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DuckMartSecurityOptions>()
            .Bind(configuration.GetSection(DuckMartSecurityOptions.Section))
            .PostConfigure(options =>
            {
                // The environment is the usual home of a secret; it fills in what configuration left empty.
                if (!options.HasApiKey && configuration[DuckMartSecurityOptions.ApiKeyEnvironmentVariable] is { Length: > 0 } key)
                {
                    options.ApiKey = key;
                }

                if (!options.AllowRemote && bool.TryParse(configuration[DuckMartSecurityOptions.AllowRemoteEnvironmentVariable], out var allow))
                {
                    options.AllowRemote = allow;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    /// <summary>Before the endpoints: the key check, and without a key the listen URLs narrowed to loopback.</summary>
    public static WebApplication UseDuckMartSecurity(this WebApplication app)
    {
        // Reading Value validates now: a bad key stops the server before it listens.
        var options = app.Services.GetRequiredService<IOptions<DuckMartSecurityOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecuritySetup).FullName!);
        var rebound = options.HasApiKey || options.AllowRemote ? null : RestrictToLoopback(app);
        app.Lifetime.ApplicationStarted.Register(() => LogPosture(logger, options, rebound));
        app.UseMiddleware<ApiKeyMiddleware>();
        return app;
    }

    /// <summary>
    /// Narrows the URLs from --urls / ASPNETCORE_URLS to loopback. Endpoints set in Kestrel's own configuration
    /// are not rewritten; the middleware refuses their remote callers all the same.
    /// </summary>
    private static (string From, string To)? RestrictToLoopback(WebApplication app)
    {
        var addresses = ((IApplicationBuilder)app).ServerFeatures.Get<IServerAddressesFeature>()?.Addresses;
        var configured = app.Configuration[WebHostDefaults.ServerUrlsKey];
        if (addresses is null || addresses.IsReadOnly || configured is null || string.IsNullOrWhiteSpace(configured))
        {
            // No URLs given: Kestrel's default is http://localhost:5000, loopback already.
            return null;
        }

        var urls = configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var restricted = LoopbackBinding.Restrict(urls);
        if (restricted.SequenceEqual(urls, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        // Addresses already present win over the configured URLs when the server starts.
        addresses.Clear();
        foreach (var url in restricted)
        {
            addresses.Add(url);
        }

        return (string.Join(";", urls), string.Join(";", restricted));
    }

    private static void LogPosture(ILogger logger, DuckMartSecurityOptions options, (string From, string To)? rebound)
    {
        if (options.HasApiKey)
        {
            logger.LogInformation("API key required on every endpoint but /health");
        }
        else if (options.AllowRemote)
        {
            logger.LogWarning("No API key configured and remote access allowed: anyone who reaches this server can read; saving and deleting segments only from this machine");
        }
        else
        {
            logger.LogWarning(
                "No API key configured (DuckMart:ApiKey or {Variable}): listening on loopback only and refusing remote callers; set DuckMart:AllowRemote=true to serve reads to the network",
                DuckMartSecurityOptions.ApiKeyEnvironmentVariable);
            if (rebound is { } r)
            {
                logger.LogWarning("Listen URLs {Requested} narrowed to {Loopback}", r.From, r.To);
            }
        }
    }
}
