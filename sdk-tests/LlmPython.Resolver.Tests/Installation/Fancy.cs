using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Tests.Caching;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Installation;

/// <summary>The "fancy" wheel of pypa/installer's tests (cases.md), and helpers to unpack and install it.</summary>
internal static class Fancy
{
    public static WheelBuilder Builder() => new WheelBuilder("fancy", "1.0.0") { Tag = "py2.py3-none-any" }
        .AddDirectoryEntry("fancy/")
        .AddFile("fancy/__init__.py", "def main():\n    print('I am fancy')\n    return 0\n")
        .AddFile("fancy/__main__.py", "import fancy\nfancy.main()\n")
        .AddDataFile("data", "fancy/data.py", "# put me in data\n")
        .AddDistInfoFile("top_level.txt", "fancy\n")
        .AddConsoleScript("fancy", "fancy:main")
        .AddGuiScript("fancy-gui", "fancy:main");

    /// <summary>A scheme with one folder per scheme name under <paramref name="root"/>.</summary>
    public static InstallScheme Scheme(string root, string interpreter = "/my/python") => new(
        root, Path.Combine(root, "purelib"), Path.Combine(root, "platlib"), Path.Combine(root, "headers"),
        Path.Combine(root, "scripts"), Path.Combine(root, "data"), interpreter);

    public static async Task<UnpackedWheel> UnpackAsync(ScratchFolder dir, WheelBuilder builder, string? fileName = null)
    {
        var path = builder.WriteTo(dir.Sub("wheels"), fileName);
        var store = new UnpackedWheelStore(new CacheStore(dir.Sub("cache")));
        return await store.GetAsync(path, RecordHash.FileSha256Hex(path), Path.GetFileName(path));
    }

    /// <summary>Every file under <paramref name="folder"/>, '/'-separated and relative, sorted.</summary>
    public static List<string> Files(string folder)
        => Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];
}
