using System.Diagnostics;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>One update per environment at a time: an exclusively opened <c>.&lt;name&gt;.lock</c> next to it.</summary>
internal static class EnvironmentLock
{
    public static async Task<FileStream> AcquireAsync(string lockPath, string root, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var delay = 5;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < timeout)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 250);
            }
            catch (IOException e)
            {
                throw new LlmPyException(DiagnosticCodes.Installer.WriteFailed,
                    $"Another build kept the Python environment '{root}' locked for {timeout}. If no build is running, delete '{lockPath}' and build again.", e);
            }
        }
    }
}
