using Microsoft.Extensions.FileProviders;

// In DuckMart.Api, not .Web, so DuckMartApp needs no extra using: its wiring stays two lines.
namespace DuckMart.Api;

/// <summary>
/// The web segment builder at <c>/</c>: static ES modules embedded in this assembly (so `dotnet run`, a
/// published build and the test host all serve the same files, whatever the working directory). The profile
/// endpoints it calls are in the /segments group (<see cref="Profiles.ProfileApi"/>).
/// </summary>
public static class WebBuilderSetup
{
    private const string Root = "Web/wwwroot";

    public static IServiceCollection AddWebBuilder(this IServiceCollection services) => services;

    public static WebApplication MapWebBuilder(this WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(WebBuilderSetup).Assembly, Root);

        // An explicit endpoint rather than UseDefaultFiles: a second claim on "/" then fails loudly at start-up.
        app.MapGet("/", () =>
        {
            var index = files.GetFileInfo("index.html");
            return Results.Stream(index.CreateReadStream(), "text/html; charset=utf-8");
        }).ExcludeFromDescription();

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // The builder is a handful of small files: always revalidate, so a new server never runs old modules.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
        });

        return app;
    }
}
