namespace DuckMart.Cli;

/// <summary>Progress of long runs on stderr, so stdout stays the result; one line each when not a terminal.</summary>
internal static class Progress
{
    private static bool _inPlace;

    public static void Line(string message)
    {
        if (Console.IsErrorRedirected)
        {
            Console.Error.WriteLine(message);
        }
        else
        {
            Console.Error.Write($"\r{message}\u001b[K");
            _inPlace = true;
        }
    }

    /// <summary>Ends an in-place terminal line so the result starts on its own line.</summary>
    public static void Done()
    {
        if (_inPlace)
        {
            Console.Error.WriteLine();
            _inPlace = false;
        }
    }
}
