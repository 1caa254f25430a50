using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>
/// <c>python3 -m http.server</c> serving a folder on 127.0.0.1 with a port the OS picks (port 0), as the
/// samples' scripts serve their demo index. Killed on dispose.
/// </summary>
public sealed partial class PythonHttpServer : IDisposable
{
    private readonly Process _process;

    private PythonHttpServer(Process process, int port)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    /// <summary><c>http://127.0.0.1:port</c> (no trailing slash).</summary>
    public string BaseUrl { get; }

    public static PythonHttpServer Serve(string folder)
    {
        var startInfo = new ProcessStartInfo(PythonCommand)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", folder, "0" })
            startInfo.ArgumentList.Add(argument);
        var process = Process.Start(startInfo)!;
        process.ErrorDataReceived += (_, _) => { }; // request log: drained, not kept
        process.BeginErrorReadLine();
        // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(20)) || line.Result is null || ServingLine().Match(line.Result) is not { Success: true } match)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException($"python -m http.server did not start: {(line.IsCompleted ? line.Result : "(no output)")}");
        }
        return new PythonHttpServer(process, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The interpreter the samples' scripts use.</summary>
    public static string PythonCommand => OperatingSystem.IsWindows() ? "python" : "python3";

    [GeneratedRegex(@"port (\d+)")]
    private static partial Regex ServingLine();

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
        _process.Dispose();
    }
}
