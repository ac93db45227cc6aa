using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP/1.1 server that writes whatever bytes it is told, for what a real HTTP server
/// will not send: a malformed header line, a header or body echoing the request's credential. Each
/// connection answers one request and closes.
/// </summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawRequest, string> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _requests;

    /// <param name="respond">The whole response (status line, headers, blank line, body) for a request.</param>
    public RawHttpServer(Func<RawRequest, string> respond)
    {
        _respond = respond;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A response with the given status line, extra header lines and body; Content-Length is counted.</summary>
    public static string Response(string status, string body, params string[] headerLines)
    {
        var bytes = Encoding.UTF8.GetByteCount(body);
        var headers = string.Concat(headerLines.Select(h => h + "\r\n"));
        return $"HTTP/1.1 {status}\r\n{headers}Content-Length: {bytes}\r\nConnection: close\r\n\r\n{body}";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _accepting.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var received = new StringBuilder();
            var buffer = new byte[8192];
            // Headers, then as much body as Content-Length says.
            while (true)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0) return;
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                var text = received.ToString();
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0) continue;
                var request = RawRequest.Parse(text.Substring(0, end), text.Substring(end + 4));
                if (Encoding.UTF8.GetByteCount(request.Body) < request.ContentLength) continue;
                Interlocked.Increment(ref _requests);
                var answer = Encoding.UTF8.GetBytes(_respond(request));
                await stream.WriteAsync(answer, _stop.Token);
                return;
            }
        }
    }
}

/// <summary>A request as <see cref="RawHttpServer"/> read it.</summary>
public sealed record RawRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public int ContentLength => Headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0;

    public string Authorization => Headers.TryGetValue("Authorization", out var value) ? value : string.Empty;

    public static RawRequest Parse(string head, string body)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line.Substring(0, colon)] = line.Substring(colon + 1).Trim();
        }
        return new RawRequest(parts[0], parts.Length > 1 ? parts[1] : string.Empty, headers, body);
    }
}
