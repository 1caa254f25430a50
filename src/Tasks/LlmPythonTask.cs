using LlmPython.Resolver.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LlmPython.Tasks;

/// <summary>
/// Base of every LlmPython task: turns exceptions into coded MSBuild errors so a failure never
/// surfaces as MSBuild's generic "task threw an exception", and supports Ctrl+C.
/// </summary>
public abstract class LlmPythonTask : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    protected CancellationToken CancellationToken => _cancel.Token;

    /// <summary>The project being built: where diagnostics point when nothing more precise is known.</summary>
    protected virtual string ProjectFile => BuildEngine?.ProjectFileOfTaskNode ?? string.Empty;

    public void Cancel() => _cancel.Cancel();

    public sealed override bool Execute()
    {
        try
        {
            return ExecuteCore() && !Log.HasLoggedErrors;
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            Log.LogMessage(MessageImportance.High, "LlmPython: {0} canceled.", GetType().Name);
            return false;
        }
        catch (LlmPyException ex)
        {
            var (file, line) = ex.SourceFile is not null ? (ex.SourceFile, ex.SourceLine) : Locate(ex.PackageName);
            LogCoded(isError: true, ex.Code, ex.Message, file, line);
            Log.LogMessage(MessageImportance.Low, ex.ToString());
            return false;
        }
        catch (NotImplementedException ex)
        {
            LogCoded(isError: true, DiagnosticCodes.Inputs.NotImplemented,
                $"{GetType().Name}: this operation is not implemented by this version of LlmPython.Sdk's engine ({ex.Message}). " +
                "Use a newer LlmPython.Sdk, or remove the PythonPackage items to build without Python.", ProjectFile, 0);
            Log.LogMessage(MessageImportance.Low, ex.ToString());
            return false;
        }
        catch (FormatException ex)
        {
            LogCoded(isError: true, DiagnosticCodes.Inputs.InvalidValue,
                $"Invalid value in the Python items or properties: {ex.Message}. Fix the value in the project file.", ProjectFile, 0);
            Log.LogMessage(MessageImportance.Low, ex.ToString());
            return false;
        }
        catch (Exception ex)
        {
            LogCoded(isError: true, DiagnosticCodes.Inputs.InternalError,
                $"{GetType().Name} failed unexpectedly: {ex.GetType().Name}: {ex.Message}. This is a bug in LlmPython.Sdk; " +
                "rebuild with -v:detailed to see the stack trace and report it.", ProjectFile, 0);
            Log.LogMessage(MessageImportance.Low, ex.ToString());
            return false;
        }
    }

    /// <summary>The work; throw <see cref="LlmPyException"/> for a user-facing failure.</summary>
    protected abstract bool ExecuteCore();

    /// <summary>Where to point a diagnostic about <paramref name="packageName"/>: its item's file and line if known.</summary>
    protected virtual (string File, int Line) Locate(string? packageName) => (ProjectFile, 0);

    /// <summary>Logs an error or warning whose code is the LLMPY code, against a file and line.</summary>
    protected void LogCoded(bool isError, string code, string message, string? file, int line)
    {
        file = string.IsNullOrEmpty(file) ? ProjectFile : file;
        if (isError)
            Log.LogError(null, code, null, file, line, 0, 0, 0, message);
        else
            Log.LogWarning(null, code, null, file, line, 0, 0, 0, message);
    }
}
