using System.Diagnostics;
using System.Globalization;

namespace DuckMart.Cli;

/// <summary>
/// Progress of long runs, always on stderr so that stdout stays the machine-readable result.
/// On a terminal (stderr not redirected, no CI variable): one bar redrawn in place with percent, rows, rate and ETA,
/// and the step messages printed above it. Piped or in CI: only the step messages, one plain line each.
/// </summary>
public sealed class Progress : IDisposable
{
    private const int BarWidth = 24;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(150);

    private readonly TextWriter _error;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly Timer? _timer;
    private string _label = "";
    private double _fraction;
    private long _rows;
    private bool _eta;
    private bool _drawn;
    private bool _finished;
    private TimeSpan? _lastDraw;
    private TimeSpan _stepStart;

    public Progress(TextWriter error, bool interactive)
    {
        _error = error;
        Interactive = interactive;
        // Redraws the bar while a long step (a DuckDB INSERT) reports nothing, so time and ETA keep moving.
        _timer = interactive ? new Timer(_ => Redraw(force: true), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) : null;
    }

    /// <summary>True when a bar is drawn: stderr is a terminal and no CI variable is set.</summary>
    public bool Interactive { get; }

    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>For the commands: on Console.Error, interactive when a person is watching it.</summary>
    public static Progress ForConsole() => new(Console.Error, IsTerminal());

    public static bool IsTerminal() =>
        !Console.IsErrorRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>A step message ("transform: users 10,000 loaded, …"): a line of its own in both modes.</summary>
    public void Line(string message)
    {
        lock (_lock)
        {
            if (Interactive)
            {
                // The bar comes back with the next update or tick, not redrawn stale under the message.
                Clear();
                _error.WriteLine(message);
            }
            else
            {
                _error.WriteLine(message);
            }
        }
    }

    /// <summary>
    /// Where the run is: <paramref name="fraction"/> of the work (0..1) done, <paramref name="rows"/> rows so far.
    /// <paramref name="eta"/> false for steps that move in a few uneven jumps, where a rate or an ETA would mislead.
    /// </summary>
    public void Update(string label, double fraction, long rows, bool eta = true)
    {
        lock (_lock)
        {
            // Rate and ETA are per step ("transform", "load"): the first word of the label.
            if (!string.Equals(FirstWord(label), FirstWord(_label), StringComparison.Ordinal))
            {
                _stepStart = _watch.Elapsed;
            }

            _label = label;
            _fraction = Math.Clamp(fraction, 0, 1);
            _rows = rows;
            _eta = eta;
        }

        Redraw(force: false);
    }

    /// <summary>Removes the bar and prints a human-readable end summary (stderr): what was done, elapsed time and rate.</summary>
    public void Finish(string what, long rows)
    {
        _timer?.Dispose();
        lock (_lock)
        {
            _finished = true;
            Clear();
            var seconds = _watch.Elapsed.TotalSeconds;
            _error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{what} in {FormatTime(_watch.Elapsed)} ({FormatRate(rows, seconds)})"));
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            _finished = true;
            Clear();
        }
    }

    /// <summary>The bar line for a state; public for tests.</summary>
    public static string Format(string label, double fraction, long rows, TimeSpan elapsed, bool eta = true)
    {
        var filled = (int)Math.Round(fraction * BarWidth);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        var seconds = elapsed.TotalSeconds;
        // The first moments say nothing about the rate, nor does a step between its jumps: no rate or ETA then.
        var settled = eta && seconds >= 0.5;
        var left = settled && fraction is > 0.001 and < 1 ? FormatTime(TimeSpan.FromSeconds(seconds * (1 - fraction) / fraction)) : "--";
        var rate = settled ? FormatRate(rows, seconds) : "- rows/s";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-18} [{bar}] {fraction * 100,3:F0}%  {rows:N0} rows  {rate}  {FormatTime(elapsed)}  ETA {left}");
    }

    public static string FormatTime(TimeSpan t) =>
        t.TotalSeconds < 60
            ? t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s"
            : $"{(int)t.TotalMinutes}:{t.Seconds:D2}";

    public static string FormatRate(long rows, double seconds) =>
        seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{rows / seconds:N0} rows/s") : "- rows/s";

    private void Redraw(bool force)
    {
        if (!Interactive)
        {
            return;
        }

        lock (_lock)
        {
            var now = _watch.Elapsed;
            if (_label.Length == 0 || (!force && now - _lastDraw < RedrawEvery))
            {
                return;
            }

            Draw();
        }
    }

    private void Draw()
    {
        if (_label.Length == 0 || _finished)
        {
            return;
        }

        var now = _watch.Elapsed;
        _lastDraw = now;
        _error.Write($"\r{Format(_label, _fraction, _rows, now - _stepStart, _eta)}\u001b[K");
        _error.Flush();
        _drawn = true;
    }

    private static string FirstWord(string label) => label.Split(' ', 2)[0];

    private void Clear()
    {
        if (_drawn)
        {
            _error.Write("\r\u001b[K");
            _drawn = false;
        }
    }
}
