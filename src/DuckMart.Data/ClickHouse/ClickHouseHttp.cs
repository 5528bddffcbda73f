using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace DuckMart.Data.ClickHouse;

/// <summary>
/// The one seam to a ClickHouse server: SQL POSTed to its HTTP interface, results read as
/// <c>TSVWithNamesAndTypes</c>. linq2db's ClickHouse provider cannot read from the 18.16 server Debian
/// ships (it always asks for RowBinaryWithNamesAndTypes, FACTS.md), so linq2db only renders SQL and this
/// class carries it. Settings go as URL parameters, which every ClickHouse version accepts.
/// </summary>
public sealed partial class ClickHouseHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    public ClickHouseHttp(Uri endpoint, HttpClient? http = null)
    {
        if (endpoint.Scheme is not ("http" or "https"))
        {
            throw new ClickHouseException($"{endpoint}: a ClickHouse URL must start with http:// or https://");
        }

        Endpoint = endpoint.AbsoluteUri.EndsWith('/') || endpoint.Query.Length > 0 ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        Database = DatabaseOf(endpoint);
        _ownsClient = http is null;
        _http = http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Endpoint { get; }

    /// <summary>
    /// The database the URL names (<c>?database=shop</c>), or null for the server's default. SQL that a
    /// Distributed query carries to the other shards names its tables with it: a shard resolves a bare table
    /// name in its own default database, not the caller's (tried on 18.16).
    /// </summary>
    public string? Database { get; }

    /// <summary><paramref name="table"/> in <see cref="Database"/>, or bare when the URL names none.</summary>
    public string Qualify(string table) => Database is null ? table : $"{Database}.{table}";

    private static string? DatabaseOf(Uri endpoint)
    {
        foreach (var pair in endpoint.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = pair.IndexOf('=', StringComparison.Ordinal) is var i and >= 0 ? (pair[..i], Uri.UnescapeDataString(pair[(i + 1)..])) : (pair, "");
            if (name != "database")
            {
                continue;
            }

            // A plain identifier only: it is written into SQL as a name, where no literal escaping applies.
            return IdentifierPattern().IsMatch(value)
                ? value
                : throw new ClickHouseException($"{endpoint}: database '{value}' is not a plain name (letters, digits, underscores)");
        }

        return null;
    }

    /// <summary>
    /// <paramref name="endpoint"/> in <paramref name="database"/> instead (null: the server's default), its other
    /// URL parameters kept: the loader reaches the server before the URL's database exists, and each shard in it.
    /// </summary>
    public static Uri InDatabase(Uri endpoint, string? database)
    {
        var kept = endpoint.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p != "database" && !p.StartsWith("database=", StringComparison.Ordinal));
        if (database is not null)
        {
            kept = kept.Append("database=" + database);
        }

        return new UriBuilder(endpoint) { Query = string.Join('&', kept) }.Uri;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex IdentifierPattern();

    /// <summary>Parses the user's <c>--clickhouse URL</c>, with a clear error for anything that is not an http(s) URL.</summary>
    public static ClickHouseHttp Open(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? new ClickHouseHttp(uri)
            : throw new ClickHouseException($"{url}: not a URL; expected e.g. http://127.0.0.1:8123/");

    /// <summary>Runs a statement that returns nothing (DDL, INSERT … SELECT).</summary>
    public async Task ExecuteAsync(string sql, CancellationToken ct = default, IReadOnlyDictionary<string, string>? settings = null)
    {
        using var response = await SendAsync(new StringContent(sql, Encoding.UTF8), null, settings, ct);
    }

    /// <summary>Runs a query and returns its rows as text cells (TSV escapes undone); NULL is <c>null</c>.</summary>
    public async Task<ClickHouseResult> QueryAsync(string sql, CancellationToken ct = default, IReadOnlyDictionary<string, string>? settings = null)
    {
        await using var kill = CancelOnServer(settings, ct);
        using var response = await SendAsync(new StringContent(sql + "\nFORMAT TSVWithNamesAndTypes", Encoding.UTF8), null, settings, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        return await ClickHouseResult.ReadAsync(body, ct);
    }

    /// <summary>
    /// Runs a query of one Int64 column (a segment's IDs) and reads it as numbers, without a cell per row.
    /// Cancelling <paramref name="ct"/> also asks the server to stop the query when <paramref name="settings"/>
    /// name its <c>query_id</c> (see <see cref="CancelOnServer"/>).
    /// </summary>
    public async Task<List<long>> QueryInt64sAsync(string sql, CancellationToken ct = default, IReadOnlyDictionary<string, string>? settings = null)
    {
        await using var kill = CancelOnServer(settings, ct);
        using var response = await SendAsync(new StringContent(sql + "\nFORMAT TabSeparated", Encoding.UTF8), null, settings, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(body, Encoding.UTF8);
        var values = new List<long>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            values.Add(long.Parse(line, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        return values;
    }

    /// <summary>
    /// 18.16 goes on running a query whose HTTP client went away (the setting that stops it came later), so a
    /// cancelled query is also killed by its <c>query_id</c>, from a second request, bounded to a few seconds.
    /// </summary>
    private CancellationTokenRegistration CancelOnServer(IReadOnlyDictionary<string, string>? settings, CancellationToken ct)
    {
        if (settings is null || !settings.TryGetValue("query_id", out var queryId) || !ct.CanBeCanceled)
        {
            return default;
        }

        return ct.Register(() => _ = KillAsync(queryId));
    }

    private async Task KillAsync(string queryId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ExecuteAsync($"KILL QUERY WHERE query_id = {ClickHouseLiteral.String(queryId)} ASYNC", timeout.Token);
        }
        catch (Exception ex) when (ex is ClickHouseException or OperationCanceledException)
        {
            // Best effort: the query's own max_execution_time still ends it.
        }
    }

    /// <summary>Streams rows into <paramref name="table"/>: <paramref name="rows"/> is JSONEachRow text (one JSON object per line).</summary>
    public async Task InsertJsonEachRowAsync(string table, Stream rows, CancellationToken ct = default)
    {
        var content = new StreamContent(rows);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await SendAsync(content, $"INSERT INTO {table} FORMAT JSONEachRow", null, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpContent content, string? query, IReadOnlyDictionary<string, string>? settings, CancellationToken ct)
    {
        var url = new StringBuilder(Endpoint.AbsoluteUri);
        var separator = Endpoint.Query.Length == 0 ? '?' : '&';
        if (query is not null)
        {
            url.Append(separator).Append("query=").Append(Uri.EscapeDataString(query));
            separator = '&';
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url.ToString()) { Content = content };
        HttpResponseMessage response;
        try
        {
            // Headers first: a large result streams instead of being buffered whole.
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new ClickHouseException($"{Endpoint}: ClickHouse is not reachable ({ex.Message})", ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            var message = (await response.Content.ReadAsStringAsync(ct)).Trim();
            response.Dispose();
            throw new ClickHouseException(string.Create(CultureInfo.InvariantCulture, $"{Endpoint}: ClickHouse refused the query (HTTP {(int)response.StatusCode}): {FirstLine(message)}"))
            {
                ServerCode = ClickHouseException.CodeOf(message),
            };
        }

        return response;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }
}
