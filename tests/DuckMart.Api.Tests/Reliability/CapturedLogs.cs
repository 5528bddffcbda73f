using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DuckMart.Api.Tests.Reliability;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps every line the app logs, with its structured values and scopes,
/// so that tests can look for what must never be logged.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public IEnumerable<CapturedLine> AtOrAbove(LogLevel level) => Lines.Where(l => l.Level >= level);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<string>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                values.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
            }

            var scopes = new List<string>();
            owner._scopes.ForEachScope(
                (scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> scopePairs)
                    {
                        list.AddRange(scopePairs.Select(p => $"{p.Key}={p.Value}"));
                    }
                    else if (scope is IEnumerable<KeyValuePair<string, object>> objectPairs)
                    {
                        list.AddRange(objectPairs.Select(p => $"{p.Key}={p.Value}"));
                    }
                    else
                    {
                        list.Add(scope?.ToString() ?? "");
                    }
                },
                scopes);
            owner.Lines.Enqueue(new CapturedLine(logLevel, category, formatter(state, exception), values, scopes, exception?.ToString()));
        }
    }
}

public sealed record CapturedLine(LogLevel Level, string Category, string Message, IReadOnlyList<string> Values, IReadOnlyList<string> Scopes, string? Exception)
{
    /// <summary>Everything a log sink could write for this line.</summary>
    public string AllText => string.Join("\n", [Category, Message, .. Values, .. Scopes, Exception ?? ""]);
}
