namespace DuckMart.Cli.Tests.Robustness;

/// <summary>A fact that needs the real <c>duckmart</c> CLI with its data commands; skipped, saying why, until they exist.</summary>
public sealed class FactWithCliAttribute : FactAttribute
{
    public FactWithCliAttribute(string? enabledByVariable = null)
    {
        if (DuckMartCli.NotReady is { } reason)
        {
            Skip = reason;
        }
        else if (enabledByVariable is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(enabledByVariable)))
        {
            Skip = $"long run: set {enabledByVariable} to run it";
        }
    }
}
