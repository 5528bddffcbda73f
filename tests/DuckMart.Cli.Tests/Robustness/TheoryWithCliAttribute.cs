namespace DuckMart.Cli.Tests.Robustness;

/// <summary>A theory that needs the real <c>duckmart</c> CLI with its data commands; skipped, saying why, until they exist.</summary>
public sealed class TheoryWithCliAttribute : TheoryAttribute
{
    public TheoryWithCliAttribute()
    {
        if (DuckMartCli.NotReady is { } reason)
        {
            Skip = reason;
        }
    }
}
