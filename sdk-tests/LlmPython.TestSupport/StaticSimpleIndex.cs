using System.Security.Cryptography;
using System.Text;

namespace LlmPython.TestSupport;

/// <summary>
/// A PyPI-like index as plain files, for a static web server (nginx): <c>simple/&lt;name&gt;/index.html</c> (PEP 503,
/// with sha256 fragments and PEP 658/714 <c>data-core-metadata</c>), the wheels and their <c>.metadata</c> files
/// under <c>files/</c>. Links are relative (<c>../../files/…</c>) unless the project is named in
/// <paramref name="absoluteBaseUrl"/>'s set, where they are absolute (<c>http://host/files/…</c>), as PyPI's are.
/// </summary>
public static class StaticSimpleIndex
{
    /// <summary>Writes the site under <paramref name="root"/>; returns the distinct page paths (<c>/simple/name/</c>).</summary>
    public static IReadOnlyList<string> Write(string root, IEnumerable<WheelBuilder> wheels, string? absoluteBaseUrl = null, ISet<string>? absoluteProjects = null)
    {
        var files = Path.Combine(root, "files");
        Directory.CreateDirectory(files);
        var pages = new List<string>();
        foreach (var project in wheels.GroupBy(w => w.EscapedName.Replace('_', '-')).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var links = new StringBuilder();
            foreach (var wheel in project)
            {
                var bytes = wheel.Build();
                File.WriteAllBytes(Path.Combine(files, wheel.FileName), bytes);
                var metadata = Encoding.UTF8.GetBytes(wheel.MetadataText());
                File.WriteAllBytes(Path.Combine(files, wheel.FileName + ".metadata"), metadata);
                var absolute = absoluteBaseUrl is not null && absoluteProjects?.Contains(project.Key) == true;
                var href = (absolute ? absoluteBaseUrl!.TrimEnd('/') + "/files/" : "../../files/") + wheel.FileName;
                links.Append($"<a href=\"{href}#sha256={Sha256(bytes)}\" data-core-metadata=\"sha256={Sha256(metadata)}\" data-dist-info-metadata=\"sha256={Sha256(metadata)}\">{wheel.FileName}</a><br/>\n");
            }
            var folder = Path.Combine(root, "simple", project.Key);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "index.html"), $"<!DOCTYPE html>\n<html><body>\n{links}</body></html>\n");
            pages.Add($"/simple/{project.Key}/");
        }
        File.WriteAllText(Path.Combine(root, "simple", "index.html"),
            "<!DOCTYPE html>\n<html><body>\n" + string.Concat(pages.Select(p => $"<a href=\"{p.Split('/')[2]}/\">{p.Split('/')[2]}</a>\n")) + "</body></html>\n");
        return pages;
    }

    /// <summary>
    /// nginx locations serving the site at <paramref name="root"/> as PyPI answers: pages with
    /// <paramref name="pageCacheControl"/> (PyPI: <c>max-age=600, public</c>), files immutable for a year.
    /// nginx adds ETag and Last-Modified and answers conditional requests with 304.
    /// </summary>
    public static string NginxLocations(string root, string pageCacheControl = "max-age=600, public") => $$"""
        location /simple/ { root {{root}}; add_header Cache-Control "{{pageCacheControl}}"; }
        location /files/ { root {{root}}; add_header Cache-Control "max-age=31536000, immutable, public"; }
        """;

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
