using DuckMart.Api;
using Microsoft.Extensions.FileProviders;

namespace DuckMart.Api.Tests;

public class WebBuilderFilesTests
{
    [Theory]
    [InlineData("index.html")]
    [InlineData("app.css")]
    [InlineData("js/app.js")]
    [InlineData("js/tree.js")]
    [InlineData("js/pointers.js")]
    public void The_builder_files_are_embedded_in_the_api_assembly(string path)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(WebBuilderSetup).Assembly, "Web/wwwroot");

        files.GetFileInfo(path).Exists.Should().BeTrue();
    }
}
