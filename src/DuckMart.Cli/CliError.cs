namespace DuckMart.Cli;

/// <summary>A failure the user can fix (bad argument, missing file): reported as one line, no stack trace.</summary>
public sealed class CliError(string message) : Exception(message);
