using System.Runtime.InteropServices;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// Places a file by hardlink (so a venv shares bytes with the unpacked-wheel cache) and falls back to a
/// copy where links are impossible (another device, a file system without hardlinks, link count limits).
/// </summary>
public static class FileLinker
{
    /// <summary>True when the file was hardlinked, false when it was copied.</summary>
    public static bool LinkOrCopy(string source, string destination, bool allowLink = true)
    {
        if (allowLink && TryHardLink(source, destination))
            return true;
        File.Copy(source, destination, overwrite: false);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
        return false;
    }

    /// <summary>Creates a hardlink; false (nothing created) when the platform or file system refuses.</summary>
    public static bool TryHardLink(string source, string destination)
    {
        try
        {
            return OperatingSystem.IsWindows()
                ? CreateHardLinkW(destination, source, IntPtr.Zero)
                : link(source, destination) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);

    [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Unicode)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CreateHardLinkW(string lpFileName, string lpExistingFileName, IntPtr lpSecurityAttributes);
}
