using System.Net;

namespace DuckMart.Api.Security;

/// <summary>Keeps a server without an API key off the network: its listen URLs, and the callers it accepts.</summary>
public static class LoopbackBinding
{
    /// <summary>
    /// The URLs with every non-loopback host (<c>0.0.0.0</c>, <c>*</c>, <c>+</c>, a LAN address or name)
    /// replaced by <c>127.0.0.1</c>, same scheme and port. Unix sockets and loopback hosts stay as they are.
    /// </summary>
    public static IReadOnlyList<string> Restrict(IEnumerable<string> urls) =>
        urls.Select(RestrictOne).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>A caller on this machine: loopback, or in-process (TestServer, Unix socket: no IP at all).</summary>
    public static bool IsLocal(ConnectionInfo connection)
    {
        var remote = connection.RemoteIpAddress;
        if (remote is null)
        {
            return true;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return IPAddress.IsLoopback(remote);
    }

    private static string RestrictOne(string url)
    {
        var address = BindingAddress.Parse(url.Trim());
        if (address.IsNamedPipe || address.IsUnixPipe || IsLoopbackHost(address.Host))
        {
            return url.Trim();
        }

        return $"{address.Scheme}://127.0.0.1:{address.Port}{address.PathBase}";
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
