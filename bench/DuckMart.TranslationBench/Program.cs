using System.Diagnostics;
using DuckMart.Bench;
using DuckMart.Data;
using DuckMart.Segments;

// Translation alone, split into its two stages, without data:
//   dotnet run -c Release --project bench/DuckMart.TranslationBench [-- N]       the table (N hits per segment, default 200)
//   … -- 1 deps [sql]    how many times linq2db renders SQL on a cache hit of each suite segment (0: it reused the text)
//   … -- 1 loop PREFIX   15 s of hits of one segment, to attach a profiler (dotnet-trace collect -- <exe> 1 loop 11)
// create: SegmentQuery.Create (spec -> expression tree); explain: Explain() (linq2db cache lookup or compile, SQL text).
// hit: the same shape with other values; miss: a shape never seen (the segment and-ed with a fresh condition).
var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
var suite = Suite.Load(Path.Combine(RepositoryRoot.Find(), "bench"));
var saved = SavedSegmentDictionary.From(suite.Saved);
using var db = new DuckMartDb("Data Source=:memory:");

(double Create, double Explain) Once(byte[] body)
{
    var request = SegmentSpecReader.ReadRequest(body, saved);
    var time = EngineRunner.TimeOf(request);
    var t0 = Stopwatch.GetTimestamp();
    var query = SegmentQuery.Create(db, request.Where, time, saved);
    var t1 = Stopwatch.GetTimestamp();
    query.Explain();
    var t2 = Stopwatch.GetTimestamp();
    return (Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
}

// A shape no other request had: the segment and-ed with an `in` list of a new field/length pair (up to 8 values
// are inlined as ORs, so each length is another expression tree). SpecVariants.NewShape adds copies of one
// condition, which the translator dedupes, so all its salts but the first are cache hits.
static byte[] NewShape(byte[] body, int salt)
{
    string[] fields = ["name", "gender", "location", "subscriptionPlan", "deviceType"];
    var node = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
    var values = new System.Text.Json.Nodes.JsonArray([.. Enumerable.Range(0, (salt / fields.Length % 8) + 1).Select(i => (System.Text.Json.Nodes.JsonNode)$"v{i}")]);
    var extra = new System.Text.Json.Nodes.JsonObject { ["type"] = "attribute", ["field"] = fields[salt % fields.Length], ["op"] = "in", ["value"] = values };
    node["where"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "and", ["of"] = new System.Text.Json.Nodes.JsonArray(node["where"]!.DeepClone(), extra) };
    return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(node);
}

static double P50(List<double> xs)
{
    xs.Sort();
    return xs[xs.Count / 2];
}

if (args.Length > 1 && args[1] == "deps")
{
    // Which suite queries linq2db must re-optimise and re-render on every cache hit (parameter-dependent SQL).
    var builds = 0;
    LinqToDB.Metrics.ActivityService.AddFactory(id =>
    {
        if (id == LinqToDB.Metrics.ActivityID.BuildSql)
        {
            builds++;
        }

        return null!;
    });
    foreach (var segment in suite.Segments)
    {
        Once(segment.Body);
        Once(segment.Body);
        builds = 0;
        Once(segment.Body);
        Console.WriteLine($"{segment.Name}: {builds} SQL builds on a hit");
        if (args.Contains("sql"))
        {
            var request = SegmentSpecReader.ReadRequest(segment.Body, saved);
            Console.WriteLine(SegmentQuery.Create(db, request.Where, EngineRunner.TimeOf(request), saved).Explain().Sql);
        }
    }

    return;
}

if (args.Length > 2 && args[1] == "loop")
{
    // Profiling aid: hits of one segment for a while (attach dotnet-trace).
    var target = suite.Segments.First(s => s.Name.StartsWith(args[2], StringComparison.Ordinal));
    var alt = SpecVariants.OtherValues(target.Body);
    var until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 15);
    var n = 0;
    while (Stopwatch.GetTimestamp() < until)
    {
        Once(n++ % 2 == 0 ? target.Body : alt);
    }

    Console.WriteLine($"{n} translations");
    return;
}

var firsts = new List<(double, double)>();
foreach (var segment in suite.Segments)
{
    firsts.Add(Once(segment.Body));
}

Console.WriteLine("| segment | first create / explain | miss create / explain | hit p50 create / explain / total |");
Console.WriteLine("| --- | ---: | ---: | ---: |");
var salt = 0;
foreach (var (segment, first) in suite.Segments.Zip(firsts))
{
    var other = SpecVariants.OtherValues(segment.Body);
    var misses = new List<(double C, double E)>();
    for (var i = 0; i < 3; i++)
    {
        misses.Add(Once(NewShape(segment.Body, salt++)));
    }

    var creates = new List<double>();
    var explains = new List<double>();
    var totals = new List<double>();
    for (var i = 0; i < iterations; i++)
    {
        var (c, e) = Once(i % 2 == 0 ? segment.Body : other);
        creates.Add(c);
        explains.Add(e);
        totals.Add(c + e);
    }

    var missC = P50(misses.Select(m => m.C).ToList());
    var missE = P50(misses.Select(m => m.E).ToList());
    Console.WriteLine($"| {segment.Name} | {first.Item1:F2} / {first.Item2:F2} | {missC:F2} / {missE:F2} | {P50(creates):F3} / {P50(explains):F3} / {P50(totals):F3} |");
}

