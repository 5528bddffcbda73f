using System.Globalization;

namespace DuckMart.Generator;

/// <summary>
/// Writes users.csv and events.csv as a Mockaroo export would look, user by user so memory stays flat
/// whatever the size. Output depends only on <see cref="GeneratorOptions"/>: the same options give the same bytes.
/// </summary>
public sealed class DataSetGenerator(GeneratorOptions options)
{
    public const string UsersHeader = "user_id,name,age,gender,location,signup_date,subscription_plan,device_type";
    public const string EventsHeader = "user_id,event_name,timestamp";

    // Ids of dirty rows live far above real ones so that they never meet a real user by accident.
    private const long DirtyUserIdBase = 2_000_000_000;
    private const long OrphanUserIdBase = 3_000_000_000;

    private static readonly string[] MessyEventNames =
        [" added to cart", "page-view", "Login ", "Purchase Made", "view  product", "search"];

    /// <param name="progress">Occasional step messages, one a line.</param>
    /// <param name="advanced">Called every thousand users with the users done and the rows (users and events) written, for a progress bar.</param>
    public GenerationReport Generate(string outDir, Action<string>? progress = null, Action<long, long>? advanced = null)
    {
        Directory.CreateDirectory(outDir);
        using var users = new CsvLineWriter(Path.Combine(outDir, "users.csv"));
        using var events = new CsvLineWriter(Path.Combine(outDir, "events.csv"));
        var run = new Run(options, users, events);
        users.Row(UsersHeader.Split(','));
        events.Row(EventsHeader.Split(','));

        for (long id = 1; id <= options.Users; id++)
        {
            run.User(id);
            if (advanced is not null && id % 1_000 == 0)
            {
                advanced(id, id + run.DirtyUsers + run.CleanEvents + run.DirtyEvents);
            }

            if (progress is not null && id % 100_000 == 0)
            {
                progress($"generate: {id:N0}/{options.Users:N0} users, {run.CleanEvents + run.DirtyEvents:N0} events");
            }
        }

        return new GenerationReport(options.Users, run.DirtyUsers, run.CleanEvents, run.DirtyEvents, run.MessyNames);
    }

    /// <summary>The state of one generation run: writers, random sources and counters.</summary>
    private sealed class Run(GeneratorOptions options, CsvLineWriter users, CsvLineWriter events)
    {
        private readonly UserFactory _userFactory = new(options.Seed, options.Now);
        private readonly Random _random = new(unchecked(options.Seed * 17 + 3));
        private readonly Random _dirty = new(unchecked(options.Seed * 13 + 5));
        private readonly SessionFactory _sessions = new(new Random(unchecked(options.Seed * 7 + 1)), options.Now);
        private GeneratedUser? _current;

        public long DirtyUsers { get; private set; }

        public long CleanEvents { get; private set; }

        public long DirtyEvents { get; private set; }

        public long MessyNames { get; private set; }

        public void User(long id)
        {
            var user = _userFactory.Create(id);
            WriteUser(user, _random.NextDouble() < 0.9);
            if (options.DirtyRate > 0 && _dirty.NextDouble() < options.DirtyRate)
            {
                DirtyUser(user);
            }

            _current = user;
            _sessions.Create(user, Event);
        }

        private void WriteUser(GeneratedUser user, bool usDate)
        {
            users.Field(user.UserId);
            users.Field(user.Name);
            if (user.Age is { } age)
            {
                users.Field(age);
            }
            else
            {
                users.Field("");
            }

            users.Field(user.Gender);
            users.Field(user.Location);
            Span<char> date = stackalloc char[10];
            user.SignupDate.TryFormat(date, out var written, usDate ? "M/d/yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            users.Field(date[..written]);
            users.Field(user.Plan);
            users.Field(user.Device);
            users.EndRow();
        }

        private void Event(string name, DateTime timestamp)
        {
            var dirtyOn = options.DirtyRate > 0;
            if (dirtyOn && _dirty.NextDouble() < options.DirtyRate)
            {
                // Valid after normalisation: a real event that must be loaded as its UPPER_SNAKE name.
                var messy = MessyEventNames[_dirty.Next(MessyEventNames.Length)];
                if (Normalised(messy) == name)
                {
                    name = messy;
                    MessyNames++;
                }
            }

            events.Field(_current!.UserId);
            events.Field(name);
            events.Timestamp(timestamp, (timestamp.Second & 7) != 0);
            events.EndRow();
            CleanEvents++;

            if (dirtyOn && _dirty.NextDouble() < options.DirtyRate)
            {
                DirtyEvent(timestamp);
            }
        }

        private void DirtyUser(GeneratedUser user)
        {
            var dirtyId = DirtyUserIdBase + DirtyUsers;
            DirtyUsers++;
            var date = user.SignupDate.ToString("M/d/yyyy", CultureInfo.InvariantCulture);
            switch (_dirty.Next(6))
            {
                case 0: // age not an integer
                    users.Row(Id(dirtyId), user.Name, "twenty", "", user.Location, date, user.Plan, user.Device);
                    break;
                case 1: // age out of 0..150
                    users.Row(Id(dirtyId), user.Name, _dirty.Next(2) == 0 ? "151" : "-4", "", user.Location, date, user.Plan, user.Device);
                    break;
                case 2: // signup date that does not parse
                    users.Row(Id(dirtyId), user.Name, "30", "", user.Location, _dirty.Next(2) == 0 ? "2023-02-30" : "13/45/2022", user.Plan, user.Device);
                    break;
                case 3: // duplicate of the row just written: the first one wins
                    users.Row(Id(user.UserId), "Duplicate " + user.Name, "44", "", user.Location, date, user.Plan, user.Device);
                    break;
                case 4: // no user_id
                    users.Row("", user.Name, "30", "", user.Location, date, user.Plan, user.Device);
                    break;
                default: // user_id not an integer
                    users.Row(dirtyId + "x", user.Name, "30", "", user.Location, date, user.Plan, user.Device);
                    break;
            }
        }

        private void DirtyEvent(DateTime timestamp)
        {
            var ts = timestamp.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            DirtyEvents++;
            switch (_dirty.Next(4))
            {
                case 0: // orphan: no such user
                    events.Row(Id(OrphanUserIdBase + DirtyEvents), EventNames.Login, ts);
                    break;
                case 1: // empty event name, blank after trimming
                    events.Row(Id(_current!.UserId), _dirty.Next(2) == 0 ? "" : "   ", ts);
                    break;
                case 2: // timestamp that does not parse
                    events.Row(Id(_current!.UserId), EventNames.PageView, _dirty.Next(2) == 0 ? "2024-02-30T10:00:00Z" : "yesterday");
                    break;
                default: // user_id not an integer
                    events.Row("n/a", EventNames.Search, ts);
                    break;
            }
        }

        private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

        // Mirrors the ingest rule, kept here so the generator has no dependency on the data layer.
        private static string Normalised(string name) =>
            string.Join('_', name.Trim().ToUpperInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries));
    }
}
