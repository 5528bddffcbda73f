namespace DuckMart.Generator;

/// <summary>
/// Writes one user's event history: sessions that start with LOGIN, browse (PAGE_VIEW, SEARCH,
/// VIEW_PRODUCT), sometimes add to cart and sometimes buy. Plain seeded arithmetic, no Bogus: at
/// ~50 events a user this is the hot loop of the generator.
/// </summary>
internal sealed class SessionFactory(Random random, DateTime now)
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;
    private const long SessionGap = 30 * TimeSpan.TicksPerMinute;
    private readonly long _nowTicks = now.Ticks;
    private long[] _starts = new long[64];

    /// <summary>Calls <paramref name="emit"/> for each event of <paramref name="user"/> in time order, none before signup nor at/after now.</summary>
    public void Create(GeneratedUser user, Action<string, DateTime> emit)
    {
        var signupTicks = user.SignupDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
        var sessions = SessionCount();
        if (_starts.Length < sessions)
        {
            _starts = new long[Math.Max(sessions, _starts.Length * 2)];
        }

        // First visit on the signup day; a quarter of users never come back.
        _starts[0] = signupTicks + (long)(random.NextDouble() * 0.9 * TicksPerDay);
        var lifetime = (_nowTicks - signupTicks) * (random.NextDouble() < 0.5 ? 1.0 : 0.2 + 0.6 * random.NextDouble());
        for (var i = 1; i < sessions; i++)
        {
            _starts[i] = signupTicks + (long)(random.NextDouble() * lifetime);
        }

        Array.Sort(_starts, 1, sessions - 1);
        var end = long.MinValue;
        for (var i = 0; i < sessions; i++)
        {
            // Sessions never overlap: a new one starts at least half an hour after the last event.
            end = Session(Math.Max(_starts[i], end + SessionGap), emit);
        }
    }

    /// <summary>1 for the 25% who never return, else a Pareto tail: most users a few sessions, some hundreds.</summary>
    private int SessionCount()
    {
        if (random.NextDouble() < 0.25)
        {
            return 1;
        }

        var pareto = 5.0 / Math.Pow(1.0 - random.NextDouble(), 1 / 1.7);
        return 1 + (int)Math.Min(pareto, 2000);
    }

    /// <returns>The time of the session's last event.</returns>
    private long Session(long startTicks, Action<string, DateTime> emit)
    {
        var t = startTicks;
        var last = t;
        Run(ref t, ref last, emit);
        return last;
    }

    private void Run(ref long t, ref long last, Action<string, DateTime> emit)
    {
        if (!Emit(EventNames.Login, ref t, ref last, emit))
        {
            return;
        }

        var viewedProduct = false;
        do
        {
            var roll = random.NextDouble();
            var name = roll < 0.45 ? EventNames.PageView : roll < 0.65 ? EventNames.Search : EventNames.ViewProduct;
            viewedProduct |= name == EventNames.ViewProduct;
            if (!Emit(name, ref t, ref last, emit))
            {
                return;
            }
        }
        while (random.NextDouble() < 0.72);

        if (viewedProduct && random.NextDouble() < 0.35)
        {
            if (!Emit(EventNames.AddedToCart, ref t, ref last, emit))
            {
                return;
            }

            // Some carts are bought minutes later, the rest abandoned.
            if (random.NextDouble() < 0.4 && !Emit(EventNames.PurchaseMade, ref t, ref last, emit))
            {
                return;
            }
        }

        if (random.NextDouble() < 0.3)
        {
            Emit(EventNames.Logout, ref t, ref last, emit);
        }
    }

    private bool Emit(string name, ref long ticks, ref long last, Action<string, DateTime> emit)
    {
        if (ticks >= _nowTicks)
        {
            return false;
        }

        // Whole seconds: what the CSV carries.
        last = ticks - (ticks % TimeSpan.TicksPerSecond);
        emit(name, new DateTime(last, DateTimeKind.Utc));
        ticks += (5 + random.Next(175)) * TimeSpan.TicksPerSecond;
        return true;
    }
}
