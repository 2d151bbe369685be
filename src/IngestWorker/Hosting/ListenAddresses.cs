using System.Net;
using System.Net.Sockets;
using IngestWorker.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace IngestWorker.Hosting;

/// <summary>Another program already listens where the HTTP API was told to listen (<c>--urls</c>).</summary>
public sealed class ListenAddressInUseException(string url, Exception inner) : IngestWorkerException(ErrorCode.ListenAddressInUse,
    $"another program already listens on {url}; stop it, or give this worker another address with --urls (e.g. --urls http://127.0.0.1:5081)", inner)
{
    public string Url { get; } = url;
}

/// <summary>
/// Checks the API's addresses before the worker starts anything. Kestrel finds a taken port only once the
/// database, Wolverine and the projections are up, and its failure then tears all of them down with pages of
/// logs; a user who left another worker running should read one line instead.
/// </summary>
public static class ListenAddresses
{
    /// <param name="urls">The <c>--urls</c> value: addresses separated by ';'.</param>
    /// <exception cref="ListenAddressInUseException">One of them is taken.</exception>
    public static void EnsureFree(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (EndpointOf(url) is not { } endpoint)
            {
                continue;
            }

            try
            {
                using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(endpoint);
                probe.Listen();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new ListenAddressInUseException(url, e);
            }
            catch (SocketException)
            {
                // Not ours to judge (an address this machine does not have, a port it may not bind): Kestrel says why.
            }
        }
    }

    /// <summary>Where Kestrel would bind a URL, or null where it picks the port itself (0) or the URL is a socket path.</summary>
    private static IPEndPoint? EndpointOf(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return null;
        }

        if (address.IsUnixPipe || address.Port == 0)
        {
            return null;
        }

        var host = address.Host.Trim('[', ']');
        var ip = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var literal) ? literal
            : IPAddress.Any;
        return new IPEndPoint(ip, address.Port);
    }
}
