using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LlmPython.TestSupport;

/// <summary>
/// Debian's nginx on 127.0.0.1 (a free port), run as the test user with everything (config, pid, logs, temp and cache
/// folders) in a folder of its own: a static package index (<see cref="Serve"/>: byte ranges, ETags, If-Range and
/// 304s built in, <c>limit_rate</c> to play a slow link) or any <c>server</c> block the test writes (<see cref="Start(string, string, string)"/>:
/// PyPI-like Cache-Control, a <c>proxy_cache</c> in front of another nginx). The access log, one line per request in one
/// format (<see cref="NginxRequest"/>), is what tests judge by (request counts, never times). Stopped (the whole process
/// tree) on dispose.
/// </summary>
public sealed class NginxServer : IDisposable
{
    // Tab-separated, in NginxRequest's order; nginx writes "-" for an empty variable.
    private const string LogFormat = @"'$request_method\t$request_uri\t$status\t$http_range\t$http_if_range\t$body_bytes_sent\t$upstream_cache_status'";
    private readonly string _folder;
    private readonly string _configPath;
    private readonly bool _ownsFolder;
    private Process? _process;

    private NginxServer(string folder, int port, string locations, string httpDirectives, bool ownsFolder)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
        Port = port;
        foreach (var sub in new[] { "logs", "temp", "cache" })
            Directory.CreateDirectory(Path.Combine(folder, sub));
        _configPath = Path.Combine(folder, "nginx.conf");
        // As root, nginx's workers would run as nobody, who cannot write this folder's temp and cache.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        File.WriteAllText(_configPath, $$"""
            {{user}}worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/logs/error.log warn;
            events { worker_connections 256; }
            http {
              log_format requests {{LogFormat}};
              access_log {{folder}}/logs/access.log requests;
              client_body_temp_path {{folder}}/temp/body;
              proxy_temp_path {{folder}}/temp/proxy;
              fastcgi_temp_path {{folder}}/temp/fastcgi;
              uwsgi_temp_path {{folder}}/temp/uwsgi;
              scgi_temp_path {{folder}}/temp/scgi;
              types { text/html html; application/vnd.pypi.simple.v1+json json; application/octet-stream whl metadata; }
              default_type application/octet-stream;
              sendfile on;
              # Small chunks: limit_rate then paces evenly instead of a second's worth in one burst and a pause.
              sendfile_max_chunk 128k;
              {{httpDirectives}}
              server {
                listen 127.0.0.1:{{port}};
                {{locations}}
              }
            }
            """);
    }

    public int Port { get; }
    /// <summary><c>http://127.0.0.1:port</c> (no trailing slash).</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    /// <summary>Where the test may keep files of this server (a cache folder for <c>proxy_cache_path</c>: <c>Folder/cache</c>).</summary>
    public string Folder => _folder;
    public string AccessLog => Path.Combine(_folder, "logs", "access.log");

    /// <summary>The binary: Debian's /usr/sbin/nginx, else nginx on PATH; null when neither exists.</summary>
    public static string? Installed =>
        File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "nginx")).FirstOrDefault(File.Exists);

    public static bool IsInstalled => Installed is not null;

    private static string Executable =>
        Installed ?? throw new InvalidOperationException("nginx is not installed: apt-get install nginx-light (.ci/run does).");

    /// <summary>
    /// Starts nginx in <paramref name="folder"/> with <paramref name="locations"/> inside its server block (and
    /// <paramref name="httpDirectives"/> in the http block, e.g. a <c>proxy_cache_path</c>).
    /// <c>{folder}</c> and <c>{port}</c> in either are replaced.
    /// </summary>
    public static NginxServer Start(string folder, string locations, string httpDirectives = "") =>
        Start(folder, locations, httpDirectives, ownsFolder: false);

    /// <summary>
    /// Serves the files under <paramref name="root"/> (a folder's <c>index.html</c> for its URL); <paramref name="bytesPerSecond"/>
    /// &gt; 0 throttles every response (per connection). Config and logs live in a temp folder removed on dispose.
    /// </summary>
    public static NginxServer Serve(string root, long bytesPerSecond = 0)
    {
        var folder = Path.Combine(Path.GetTempPath(), "llmpy-nginx-" + Guid.NewGuid().ToString("N")[..12]);
        var rate = bytesPerSecond > 0 ? $"limit_rate {bytesPerSecond};" : "";
        return Start(folder, $"location / {{ root {root}; index index.html; {rate} }}", "", ownsFolder: true);
    }

    private static NginxServer Start(string folder, string locations, string httpDirectives, bool ownsFolder)
    {
        Directory.CreateDirectory(folder);
        var port = FreePort();
        string Fill(string text) => text.Replace("{folder}", folder, StringComparison.Ordinal).Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var server = new NginxServer(folder, port, Fill(locations), Fill(httpDirectives), ownsFolder);
        try
        {
            server.Start();
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    /// <summary>Starts it again after <see cref="Stop"/> (same port, same folder, same log).</summary>
    public void Start()
    {
        var startInfo = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", _folder, "-e", Path.Combine(_folder, "logs", "error.log"), "-c", _configPath, "-g", "daemon off;" })
            startInfo.ArgumentList.Add(argument);
        _process = Process.Start(startInfo)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"nginx exited ({_process.ExitCode}): {ErrorLog()}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Stops nginx (master and workers); the access log stays.</summary>
    public void Stop()
    {
        if (_process is null) return;
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every request logged so far, in order.</summary>
    public IReadOnlyList<NginxRequest> Requests()
    {
        if (!File.Exists(AccessLog)) return [];
        using var stream = new FileStream(AccessLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var requests = new List<NginxRequest>();
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f.Length < 7) continue; // a line being written
            requests.Add(new NginxRequest(f[0], Uri.UnescapeDataString(f[1]), int.Parse(f[2], CultureInfo.InvariantCulture), Dash(f[3]), Dash(f[4]),
                long.Parse(f[5], CultureInfo.InvariantCulture), Dash(f[6])));
        }
        return requests;
    }

    public string ErrorLog()
    {
        var path = Path.Combine(_folder, "logs", "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static string? Dash(string value) => value is "-" or "" ? null : value;

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Stop();
        if (_ownsFolder)
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
