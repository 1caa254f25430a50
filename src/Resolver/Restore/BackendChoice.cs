using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// The PyTorch backend of a restore, decided once and logged once (with its warnings) before the lock step.
/// A lock that can be reused answers first, without the network: the backend is chosen among the sections it has.
/// Only when it has none for the choice are the backends' indexes asked (not offline, and never in the build phase,
/// which reads the lock only: its missing section is then <see cref="LockFileOnlySection"/>'s error).
/// </summary>
internal static class BackendChoice
{
    /// <param name="reusableLock">The current lock when the restore may reuse it, else null.</param>
    /// <returns>Null when the items have no PyTorch-family package (or the build phase has no lock to choose from).</returns>
    public static async Task<BackendDecision?> ChooseAsync(RestoreSession session, GpuInfo gpu, LockFile? reusableLock,
        IRestoreLog log, CancellationToken cancellationToken)
    {
        if (!session.HasPyTorchFamily)
            return null;
        var request = session.Request;
        BackendDecision? decision = null;
        if (reusableLock is not null)
            decision = await session.ChooseBackendAsync(gpu, reusableLock, cancellationToken).ConfigureAwait(false);
        if (!request.FromLockFileOnly && (decision is null || reusableLock!.FindEnvironment(session.SectionName(decision)) is null))
            decision = await session.ChooseBackendAsync(gpu, probeIndexes: !request.Offline, cancellationToken).ConfigureAwait(false);
        if (decision is null)
            return null; // the build phase without a current lock: LockFileOnlySection says to restore
        foreach (var warning in decision.Warnings)
            log.Warning(warning.Code, warning.Message, request.ProjectPath);
        log.Message($"PyTorch backend: {decision.Backend} ({decision.Explanation})", important: true);
        return decision;
    }
}
