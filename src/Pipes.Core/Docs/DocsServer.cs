using System.Net;

namespace Pipes.Core.Docs;

/// <summary>
/// <c>pipes docs serve</c>: a static file server on 127.0.0.1 for the generated site; GET and HEAD of files under the
/// site folder only, nothing computed on the server.
/// </summary>
public sealed class DocsServer(string root, int port) : IDisposable
{
    public const int DefaultPort = 8580;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
    };

    private readonly HttpListener _listener = new();
    private readonly string _root = Path.GetFullPath(root);

    public string Address => $"http://127.0.0.1:{port}/";

    public void Start()
    {
        _listener.Prefixes.Add(Address);
        _listener.Start();
    }

    public async Task ServeAsync(CancellationToken cancellationToken)
    {
        using var stop = cancellationToken.Register(() => _listener.Stop());
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (cancellationToken.IsCancellationRequested) { break; }
            catch (HttpListenerException) { break; }
            _ = Task.Run(() => Answer(context), CancellationToken.None);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.StatusCode = 405;
                return;
            }
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
            if (relative.Length == 0 || relative.EndsWith('/')) relative += "index.html";
            var path = Path.GetFullPath(Path.Combine(_root, relative));
            // Nothing outside the site folder, whatever the path says (.., encoded slashes).
            if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                response.StatusCode = 404;
                return;
            }
            var bytes = File.ReadAllBytes(path);
            response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            response.ContentLength64 = bytes.Length;
            if (context.Request.HttpMethod == "GET") response.OutputStream.Write(bytes);
        }
        catch (HttpListenerException)
        {
            // The browser went away mid-answer; nothing to tell it.
        }
        finally
        {
            try { response.Close(); } catch (ObjectDisposedException) { }
        }
    }

    public void Dispose() => ((IDisposable)_listener).Dispose();
}
