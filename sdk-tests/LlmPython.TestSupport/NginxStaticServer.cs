using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LlmPython.TestSupport;

/// <summary>One line of nginx's access log as <see cref="NginxStaticServer"/> writes it.</summary>
public sealed record NginxRangeRequest(string Path, string? Range, string? IfRange, int Status, long BodyBytes);

/// <summary>
/// Debian's nginx (<c>/usr/sbin/nginx</c>, package nginx-light) serving a folder on 127.0.0.1 as a static
/// package index: byte ranges, ETags and If-Range built in, <c>limit_rate</c> to play a slow link. Its
/// config, logs and temp folders live in a folder of its own; the process is stopped on dispose.
/// </summary>
public sealed class NginxStaticServer : IDisposable
{
    public const string Executable = "/usr/sbin/nginx";
    private readonly Process _process;
    private readonly string _prefix;

    private NginxStaticServer(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    /// <summary><c>http://127.0.0.1:port</c> (no trailing slash).</summary>
    public string BaseUrl { get; }

    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Serves <paramref name="root"/>; <paramref name="bytesPerSecond"/> &gt; 0 throttles every response (per connection).</summary>
    public static NginxStaticServer Serve(string root, long bytesPerSecond = 0)
    {
        var prefix = Path.Combine(Path.GetTempPath(), "llmpy-nginx-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(prefix);
        var port = FreePort();
        var rate = bytesPerSecond > 0 ? $"limit_rate {bytesPerSecond};" : "";
        // Single process, in the foreground, as the current user: nothing to daemonize or drop privileges to.
        File.WriteAllText(Path.Combine(prefix, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 256; }
            http {
                types { text/html html; application/octet-stream whl metadata; }
                default_type application/octet-stream;
                log_format ranges '$uri\t$http_range\t$http_if_range\t$status\t$body_bytes_sent';
                access_log {{prefix}}/access.log ranges;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                sendfile on;
                # Small chunks: limit_rate then paces evenly instead of a second's worth in one burst and a pause.
                sendfile_max_chunk 128k;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{root}};
                    index index.html;
                    {{rate}}
                }
            }
            """);
        var startInfo = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf") })
            startInfo.ArgumentList.Add(argument);
        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NginxStaticServer(process, prefix, port);
        var clock = Stopwatch.StartNew();
        while (!Accepts(port))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                var log = File.Exists(Path.Combine(prefix, "error.log")) ? File.ReadAllText(Path.Combine(prefix, "error.log")) : "";
                server.Dispose();
                throw new InvalidOperationException($"nginx did not start on port {port}: {log}");
            }
            Thread.Sleep(50);
        }
        return server;
    }

    /// <summary>Every request so far (nginx writes a line when a response ends, also an aborted one).</summary>
    public IReadOnlyList<NginxRangeRequest> Requests
    {
        get
        {
            var log = Path.Combine(_prefix, "access.log");
            if (!File.Exists(log)) return [];
            using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Select(l => l.Split('\t')).Select(f => new NginxRangeRequest(f[0], Dash(f[1]), Dash(f[2]),
                int.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture))).ToList();
        }
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
        _process.Dispose();
        try { Directory.Delete(_prefix, recursive: true); } catch (IOException) { }
    }

    private static string? Dash(string value) => value is "-" or "" ? null : value;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
