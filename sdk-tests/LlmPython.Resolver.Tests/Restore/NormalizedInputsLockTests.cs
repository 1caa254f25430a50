using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// Locked mode against the lock's inputs hash, which is taken of the normalized request: respelling an item keeps the
/// lock current, a real change does not, and a lock written by an SDK that hashed the declared request stays current.
/// </summary>
public class NormalizedInputsLockTests
{
    [Fact]
    public void Respelled_items_keep_locked_mode_green_and_a_version_change_fails_it()
    {
        using var f = new RestoreFixture();
        f.PublishHelloStack();
        // Cuda is ignored for hello-llm (LLMPY0029), but it is part of the inputs all the same.
        Assert.True(f.Run(f.Request(new PackageItem("hello-llm", ">=0.1", Cuda: "auto"))).Result.Success);
        var lockBytes = File.ReadAllBytes(f.LockPath);

        foreach (var respelled in new[]
        {
            new PackageItem("Hello_LLM", ">=0.1", Cuda: "auto"),
            new PackageItem("hello-llm", ">= 0.1", Cuda: "auto"),
            new PackageItem("hello-llm", ">=0.1", Cuda: "AUTO"),
        })
        {
            var (result, log) = f.Run(f.Request(respelled) with { LockedMode = true });
            Assert.True(result.Success, $"{respelled}: {log.All}");
            Assert.Equal(lockBytes, File.ReadAllBytes(f.LockPath));
        }

        var (changed, changedLog) = f.Run(f.Request(new PackageItem("hello-llm", ">=0.2", Cuda: "auto")) with { LockedMode = true });
        Assert.False(changed.Success);
        Assert.Equal(DiagnosticCodes.Lock.OutOfDateInLockedMode, Assert.Single(changedLog.Errors).Code);
        Assert.Equal(lockBytes, File.ReadAllBytes(f.LockPath));
    }

    [Fact]
    public void A_lock_hashed_from_the_declared_request_stays_current()
    {
        using var f = new RestoreFixture();
        f.PublishHelloStack();
        var request = f.Request(new PackageItem("hello-llm", "0.3.0"));
        Assert.True(f.Run(request).Result.Success);
        // What an SDK before normalization wrote: the hash of the items as declared ("0.3.0", not "==0.3.0").
        var normalized = LockFileReader.Parse(File.ReadAllText(f.LockPath)).InputsHash;
        var declared = LockInputs.Hash(request);
        Assert.NotEqual(normalized, declared);
        File.WriteAllText(f.LockPath, File.ReadAllText(f.LockPath).Replace(normalized, declared, StringComparison.Ordinal));

        var (result, log) = f.Run(request with { LockedMode = true });
        Assert.True(result.Success, log.All);
        Assert.Equal(declared, LockFileReader.Parse(File.ReadAllText(f.LockPath)).InputsHash);
    }
}
