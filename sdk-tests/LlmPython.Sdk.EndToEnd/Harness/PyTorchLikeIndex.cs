using System.Net;
using System.Text;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>
/// A small download.pytorch.org look-alike plus PyPI on one 127.0.0.1 server: pages <c>/whl/&lt;backend&gt;/&lt;name&gt;/</c>
/// with root-relative <c>/whl/&lt;backend&gt;/torch-2.4.0%2Bcu124-….whl</c> links (as the real index writes them) for
/// cpu, cu118 and cu124, fake torch 2.4.0 and torchvision 0.19.0 wheels that know their backend, and numpy on
/// <c>/simple/</c>. Any other backend answers 404, like a backend the real index has no torch 2.4.0 for.
/// </summary>
public sealed class PyTorchLikeIndex : IDisposable
{
    public static readonly string[] Backends = ["cpu", "cu118", "cu124"];
    public const string Torch = "2.4.0";
    public const string TorchVision = "0.19.0";
    public const string NumPy = "1.26.4";

    public PyTorchLikeIndex()
    {
        Server = LocalIndexServer.Start();
        foreach (string backend in Backends)
        {
            var torch = new WheelBuilder("torch", $"{Torch}+{backend}")
                .AddFile("torch/__init__.py", $"__version__ = '{Torch}+{backend}'\nBACKEND = '{backend}'\n");
            var vision = new WheelBuilder("torchvision", $"{TorchVision}+{backend}")
                .AddFile("torchvision/__init__.py",
                    $"import torch\nif torch.BACKEND != '{backend}':\n    raise ImportError('torchvision {backend} needs torch {backend}, got ' + torch.BACKEND)\n__version__ = '{TorchVision}+{backend}'\n");
            vision.RequiresDist.Add($"torch=={Torch}");
            vision.RequiresDist.Add("numpy");
            Publish(backend, torch);
            Publish(backend, vision);
        }
        var numpy = new WheelBuilder("numpy", NumPy).AddFile("numpy/__init__.py", $"__version__ = '{NumPy}'\n");
        Server.AddFile(numpy.FileName, numpy.Build());
    }

    public LocalIndexServer Server { get; }

    /// <summary>Where a backend's wheels are downloaded from: <c>http://127.0.0.1:port/whl/cu124/</c>.</summary>
    public string BackendFolder(string backend) => $"{Server.PyTorchIndexUrl}/{backend}/";

    private void Publish(string backend, WheelBuilder wheel)
    {
        var file = Server.AddPyTorchFile(backend, wheel.FileName, wheel.Build());
        string href = $"/whl/{backend}/{Uri.EscapeDataString(file.FileName)}#sha256={file.Sha256}";
        var page = new StringBuilder("<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for ").Append(file.Project).Append("</h1>\n")
            .Append("    <a href=\"").Append(WebUtility.HtmlEncode(href)).Append("\">")
            .Append(WebUtility.HtmlEncode(file.FileName)).Append("</a><br/>\n  </body>\n</html>\n");
        Server.AddRaw($"/whl/{backend}/{file.Project}/", page.ToString());
    }

    public void Dispose() => Server.Dispose();
}
