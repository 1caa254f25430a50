using System.Diagnostics;

namespace LlmPython.Benchmarks.Common;

/// <summary>Runs a program to completion, capturing its output; never inherits PYTHONPATH/PYTHONHOME.</summary>
internal static class Exec
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public Outcome ShouldSucceed(string what)
        {
            if (ExitCode != 0)
                throw new InvalidOperationException($"{what} failed (exit {ExitCode}):\n{Tail(Stdout)}\n{Tail(Stderr)}");
            return this;
        }

        private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
    }

    public static Outcome Run(string file, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time.");
        }
        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }
}
