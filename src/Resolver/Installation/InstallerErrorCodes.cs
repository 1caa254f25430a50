namespace LlmPython.Resolver.Installation;

/// <summary>LLMPY codes of the installer and the virtual environment (0800–0899).</summary>
public static class InstallerErrorCodes
{
    /// <summary>The wheel's file name is not a PEP 427 name (name-version[-build]-py-abi-platform.whl).</summary>
    public const string InvalidWheelFileName = "LLMPY0801";

    /// <summary>A member path is absolute, has a drive letter, uses '..' or otherwise escapes its folder.</summary>
    public const string UnsafePath = "LLMPY0802";

    /// <summary>A member is a symbolic link (or another special file), which wheels may not carry.</summary>
    public const string SpecialMember = "LLMPY0803";

    /// <summary>The .dist-info folder is missing, duplicated, or does not match the wheel's name.</summary>
    public const string InvalidLayout = "LLMPY0804";

    /// <summary>RECORD is missing, unreadable, or does not list every file properly.</summary>
    public const string InvalidRecord = "LLMPY0805";

    /// <summary>A file's hash or size differs from what RECORD says (a tampered or corrupt wheel).</summary>
    public const string RecordMismatch = "LLMPY0806";

    /// <summary>The WHEEL file is missing, its Wheel-Version is not a version, or its major version is newer than 1.</summary>
    public const string IncompatibleWheelVersion = "LLMPY0807";

    /// <summary>A <c>.data/&lt;scheme&gt;/</c> folder names a scheme other than purelib, platlib, headers, scripts, data.</summary>
    public const string UnknownDataScheme = "LLMPY0808";

    /// <summary>Two distributions (or a leftover file) want the same installed path.</summary>
    public const string FileConflict = "LLMPY0809";

    /// <summary>Writing the environment failed (disk full, permissions, read-only folder).</summary>
    public const string WriteFailed = "LLMPY0810";

    /// <summary>The virtual environment cannot be created (base interpreter missing, folder not writable).</summary>
    public const string VenvCreationFailed = "LLMPY0811";

    /// <summary>Compiling bytecode with the environment's interpreter failed.</summary>
    public const string BytecodeCompileFailed = "LLMPY0812";

    /// <summary>An installed distribution's RECORD lists a path outside the environment, so uninstalling it is refused.</summary>
    public const string UnsafeUninstall = "LLMPY0813";

    /// <summary>Two requested wheels are the same distribution (one name, two wheels).</summary>
    public const string DuplicateDistribution = "LLMPY0814";

    /// <summary>Warning: a wheel's Wheel-Version has a newer minor version than 1.0 (e.g. 1.9); it is installed as 1.0, as pip does.</summary>
    public const string NewerWheelVersion = "LLMPY0815";
}
