using Microsoft.AspNetCore.Diagnostics;

namespace DuckMart.Api.Reliability;

/// <summary>Request ids and safe logs, DuckDB errors as problems, the query concurrency limit (docs/reliability.md).</summary>
public static class ReliabilitySetup
{
    public static WebApplicationBuilder AddDuckMartReliability(this WebApplicationBuilder builder)
    {
        // Structured logs, one JSON object a line, with the request id from the scope. DuckMart:LogFormat=text for people
        // (`duckmart serve` chooses text on a terminal): one line each, with a UTC time.
        if (!string.Equals(builder.Configuration["DuckMart:LogFormat"], "text", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                // No trailing space: the JSON formatter writes the stamp as a value of its own, not before a message.
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.UseUtcTimestamp = true;
                // The simple formatter puts the stamp straight before the level: the space separates them.
                options.TimestampFormat = "HH:mm:ss'Z' ";
            });
        }

        // ASP.NET Core's own Information lines quote the full URL (an OData $filter is a spec value) and MVC's
        // route values (a key is a user id); RequestLogging writes the safe line instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Its per-request scope carries the raw path (/odata/Users(42) holds a user id) into every line;
        // RequestLogging's scope carries the request id instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // First among the exception handlers: a catch-all handler registered earlier (one that turns every
        // other exception into a 500) must not get a DuckDB out-of-memory error before this one does.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IExceptionHandler, DatabaseErrorHandler>());
        builder.Services.AddQueryConcurrencyLimit(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// First in the pipeline, so that every later log line carries the request id. DatabaseErrorHandler runs in
    /// the app's one UseExceptionHandler (DuckMartApp), before ApiExceptionHandler.
    /// </summary>
    public static WebApplication UseDuckMartReliability(this WebApplication app)
    {
        app.UseMiddleware<RequestLogging>();
        return app;
    }
}
