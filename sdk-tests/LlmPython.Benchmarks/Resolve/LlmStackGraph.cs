using LlmPython.TestSupport;

namespace LlmPython.Benchmarks.Resolve;

/// <summary>
/// A hand-made, transformers/accelerate/datasets/peft/torch-like package graph (47 projects, 1–13 versions
/// each, 232 wheels). Names and the shape of the requirements follow the real projects of early 2024;
/// the exact bounds are invented but fixed, so every run sees the same index. One twist makes the solvers
/// backtrack: the newest accelerate and peft releases need torch ≥ 2.2, while the roots pin torch 2.1.*.
/// </summary>
internal static class LlmStackGraph
{
    /// <summary>The top-level requirements both pip and the engine are given (PEP 508).</summary>
    public static readonly string[] Roots =
        ["transformers[torch]>=4.36", "accelerate", "datasets", "peft", "torch==2.1.*", "sentencepiece"];

    /// <summary>PyTorch-family projects: served on the PyTorch-like index too (/whl/cpu/).</summary>
    public static readonly string[] PyTorchFamily = ["torch"];

    /// <summary>One project: its versions (oldest first) and its Requires-Dist per era (an era starts at a version index and lasts until the next).</summary>
    public sealed record Project(string Name, string[] Versions, (int From, string[] Requires)[] Eras, (string Extra, string[] Requires)[]? Extras = null, string? RequiresPython = null);

    private static string[] V(string versions) => versions.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    private static (int, string[]) E(int from, params string[] requires) => (from, requires);

    public static readonly Project[] Projects =
    [
        new("torch", V("2.0.0 2.0.1 2.1.0 2.1.1 2.1.2 2.2.0 2.2.1 2.2.2 2.3.0 2.3.1 2.4.0"),
            [E(0, "filelock", "typing-extensions", "sympy", "networkx", "jinja2"),
             E(2, "filelock", "typing-extensions", "sympy", "networkx", "jinja2", "fsspec"),
             E(5, "filelock", "typing-extensions>=4.8.0", "sympy", "networkx", "jinja2", "fsspec")],
            RequiresPython: ">=3.8.0"),
        new("transformers", V("4.30.0 4.31.0 4.32.0 4.33.0 4.34.0 4.35.0 4.36.0 4.37.0 4.38.0 4.39.0 4.40.0"),
            [E(0, "filelock", "huggingface-hub>=0.14.1,<1.0", "numpy>=1.17", "packaging>=20.0", "pyyaml>=5.1", "regex!=2019.12.17", "requests", "tokenizers>=0.11.1,!=0.11.3,<0.14", "safetensors>=0.3.1", "tqdm>=4.27"),
             E(4, "filelock", "huggingface-hub>=0.16.4,<1.0", "numpy>=1.17", "packaging>=20.0", "pyyaml>=5.1", "regex!=2019.12.17", "requests", "tokenizers>=0.14,<0.15", "safetensors>=0.3.1", "tqdm>=4.27"),
             E(6, "filelock", "huggingface-hub>=0.19.3,<1.0", "numpy>=1.17", "packaging>=20.0", "pyyaml>=5.1", "regex!=2019.12.17", "requests", "tokenizers>=0.14,<0.19", "safetensors>=0.4.1", "tqdm>=4.27"),
             E(10, "filelock", "huggingface-hub>=0.19.3,<1.0", "numpy>=1.17", "packaging>=20.0", "pyyaml>=5.1", "regex!=2019.12.17", "requests", "tokenizers>=0.19,<0.20", "safetensors>=0.4.1", "tqdm>=4.27")],
            Extras: [("torch", ["torch", "accelerate>=0.21.0"]), ("sentencepiece", ["sentencepiece>=0.1.91,!=0.1.92", "protobuf"])],
            RequiresPython: ">=3.8.0"),
        new("accelerate", V("0.21.0 0.22.0 0.23.0 0.24.0 0.24.1 0.25.0 0.26.0 0.26.1 0.27.0 0.27.2 0.28.0 0.29.0 0.30.0"),
            [E(0, "numpy>=1.17", "packaging>=20.0", "psutil", "pyyaml", "torch>=1.10.0"),
             E(3, "numpy>=1.17", "packaging>=20.0", "psutil", "pyyaml", "torch>=1.10.0", "huggingface-hub"),
             E(6, "numpy>=1.17", "packaging>=20.0", "psutil", "pyyaml", "torch>=1.10.0", "huggingface-hub", "safetensors>=0.3.1"),
             E(10, "numpy>=1.17", "packaging>=20.0", "psutil", "pyyaml", "torch>=2.2.0", "huggingface-hub", "safetensors>=0.3.1")],
            RequiresPython: ">=3.8.0"),
        new("peft", V("0.5.0 0.6.0 0.6.1 0.6.2 0.7.0 0.7.1 0.8.0 0.8.2 0.9.0 0.10.0"),
            [E(0, "numpy>=1.17", "packaging>=20.0", "psutil", "pyyaml", "torch>=1.13.0", "transformers", "tqdm", "accelerate", "safetensors"),
             E(4, "numpy>=1.17", "packaging>=20.0", "psutil", "pyyaml", "torch>=1.13.0", "transformers", "tqdm", "accelerate>=0.21.0", "safetensors", "huggingface-hub>=0.17.0"),
             E(8, "numpy>=1.17", "packaging>=20.0", "psutil", "pyyaml", "torch>=2.2.0", "transformers", "tqdm", "accelerate>=0.21.0", "safetensors", "huggingface-hub>=0.17.0")]),
        new("datasets", V("2.14.0 2.14.4 2.14.7 2.15.0 2.16.0 2.16.1 2.17.0 2.17.1 2.18.0 2.19.0"),
            [E(0, "numpy>=1.17", "pyarrow>=8.0.0", "dill>=0.3.0,<0.3.8", "pandas", "requests>=2.19.0", "tqdm>=4.62.1", "xxhash", "multiprocess", "fsspec[http]>=2021.11.1,<2023.9.0", "aiohttp", "huggingface-hub>=0.14.0,<1.0.0", "packaging", "pyyaml>=5.1"),
             E(3, "numpy>=1.17", "pyarrow>=8.0.0", "pyarrow-hotfix", "dill>=0.3.0,<0.3.8", "pandas", "requests>=2.19.0", "tqdm>=4.62.1", "xxhash", "multiprocess", "fsspec[http]>=2023.1.0,<=2023.10.0", "aiohttp", "huggingface-hub>=0.18.0", "packaging", "pyyaml>=5.1"),
             E(6, "filelock", "numpy>=1.17", "pyarrow>=12.0.0", "pyarrow-hotfix", "dill>=0.3.0,<0.3.9", "pandas", "requests>=2.19.0", "tqdm>=4.62.1", "xxhash", "multiprocess", "fsspec[http]>=2023.1.0,<=2024.2.0", "aiohttp", "huggingface-hub>=0.19.4", "packaging", "pyyaml>=5.1"),
             E(9, "filelock", "numpy>=1.17", "pyarrow>=12.0.0", "pyarrow-hotfix", "dill>=0.3.0,<0.3.9", "pandas", "requests>=2.19.0", "tqdm>=4.62.1", "xxhash", "multiprocess", "fsspec[http]>=2023.1.0,<=2024.3.1", "aiohttp", "huggingface-hub>=0.21.2", "packaging", "pyyaml>=5.1")],
            RequiresPython: ">=3.8.0"),
        new("tokenizers", V("0.13.0 0.13.2 0.13.3 0.14.0 0.14.1 0.15.0 0.15.1 0.15.2 0.19.0 0.19.1"),
            [E(0), E(3, "huggingface-hub>=0.16.4,<0.18"), E(5, "huggingface-hub>=0.16.4,<1.0")]),
        new("huggingface-hub", V("0.14.1 0.15.1 0.16.4 0.17.3 0.18.0 0.19.4 0.20.3 0.21.4 0.22.2 0.23.0"),
            [E(0, "filelock", "fsspec", "requests", "tqdm>=4.42.1", "pyyaml>=5.1", "typing-extensions>=3.7.4.3", "packaging>=20.9"),
             E(5, "filelock", "fsspec>=2023.5.0", "requests", "tqdm>=4.42.1", "pyyaml>=5.1", "typing-extensions>=3.7.4.3", "packaging>=20.9")],
            RequiresPython: ">=3.8.0"),
        new("safetensors", V("0.3.1 0.3.2 0.3.3 0.4.0 0.4.1 0.4.2 0.4.3"), [E(0)]),
        new("sentencepiece", V("0.1.91 0.1.92 0.1.96 0.1.97 0.1.98 0.1.99 0.2.0"), [E(0)]),
        new("protobuf", V("3.20.3 4.23.4 4.24.4 4.25.3 5.26.1"), [E(0)]),
        new("numpy", V("1.24.0 1.24.4 1.25.0 1.25.2 1.26.0 1.26.2 1.26.4 2.0.0"), [E(0)], RequiresPython: ">=3.9"),
        new("packaging", V("21.0 21.3 22.0 23.0 23.1 23.2 24.0"), [E(0)]),
        new("pyyaml", V("5.4.1 6.0 6.0.1"), [E(0)]),
        new("regex", V("2023.6.3 2023.8.8 2023.10.3 2023.12.25 2024.4.16"), [E(0)]),
        new("requests", V("2.28.0 2.28.2 2.29.0 2.30.0 2.31.0"),
            [E(0, "charset-normalizer>=2,<3", "idna>=2.5,<4", "urllib3>=1.21.1,<1.27", "certifi>=2017.4.17"),
             E(2, "charset-normalizer>=2,<4", "idna>=2.5,<4", "urllib3>=1.21.1,<1.27", "certifi>=2017.4.17"),
             E(3, "charset-normalizer>=2,<4", "idna>=2.5,<4", "urllib3>=1.21.1,<3", "certifi>=2017.4.17")]),
        new("urllib3", V("1.26.15 1.26.18 2.0.7 2.1.0 2.2.1"), [E(0)]),
        new("idna", V("3.3 3.4 3.6 3.7"), [E(0)]),
        new("certifi", V("2023.5.7 2023.7.22 2023.11.17 2024.2.2"), [E(0)]),
        new("charset-normalizer", V("2.1.1 3.1.0 3.2.0 3.3.2"), [E(0)]),
        new("tqdm", V("4.64.1 4.65.0 4.66.1 4.66.2"), [E(0, "colorama; platform_system == \"Windows\"")]),
        new("colorama", V("0.4.5 0.4.6"), [E(0)]),
        new("filelock", V("3.9.0 3.12.2 3.12.4 3.13.1 3.13.4"), [E(0)]),
        new("fsspec", V("2023.1.0 2023.5.0 2023.6.0 2023.9.2 2023.10.0 2023.12.2 2024.2.0 2024.3.1"), [E(0)],
            Extras: [("http", ["aiohttp!=4.0.0a0,!=4.0.0a1", "requests"])]),
        new("typing-extensions", V("4.5.0 4.7.1 4.8.0 4.9.0 4.10.0 4.11.0"), [E(0)]),
        new("sympy", V("1.11.1 1.12"), [E(0, "mpmath>=0.19")]),
        new("mpmath", V("1.2.1 1.3.0"), [E(0)]),
        new("networkx", V("3.0 3.1 3.2.1 3.3"), [E(0)]),
        new("jinja2", V("3.1.0 3.1.2 3.1.3 3.1.4"), [E(0, "markupsafe>=2.0")]),
        new("markupsafe", V("2.1.1 2.1.3 2.1.5"), [E(0)]),
        new("psutil", V("5.9.4 5.9.5 5.9.6 5.9.8"), [E(0)]),
        new("pyarrow", V("11.0.0 12.0.1 13.0.0 14.0.2 15.0.2"), [E(0, "numpy>=1.16.6")]),
        new("pyarrow-hotfix", V("0.5 0.6"), [E(0)]),
        new("dill", V("0.3.6 0.3.7 0.3.8"), [E(0)]),
        new("pandas", V("2.0.3 2.1.0 2.1.4 2.2.0 2.2.2"),
            [E(0, "numpy>=1.22.4", "python-dateutil>=2.8.2", "pytz>=2020.1", "tzdata>=2022.1"),
             E(3, "numpy>=1.23.2,<2", "python-dateutil>=2.8.2", "pytz>=2020.1", "tzdata>=2022.7")]),
        new("python-dateutil", V("2.8.2 2.9.0"), [E(0, "six>=1.5")]),
        new("six", V("1.15.0 1.16.0"), [E(0)]),
        new("pytz", V("2023.3 2023.4 2024.1"), [E(0)]),
        new("tzdata", V("2023.3 2023.4 2024.1"), [E(0)]),
        new("xxhash", V("3.3.0 3.4.1"), [E(0)]),
        new("multiprocess", V("0.70.14 0.70.15 0.70.16"), [E(0, "dill>=0.3.6"), E(1, "dill>=0.3.7"), E(2, "dill>=0.3.8")]),
        new("aiohttp", V("3.8.5 3.8.6 3.9.1 3.9.3 3.9.5"),
            [E(0, "attrs>=17.3.0", "charset-normalizer>=2.0,<4.0", "multidict>=4.5,<7.0", "async-timeout>=4.0.0a3,<5.0; python_version < \"3.11\"", "yarl>=1.0,<2.0", "frozenlist>=1.1.1", "aiosignal>=1.1.2"),
             E(2, "attrs>=17.3.0", "multidict>=4.5,<7.0", "async-timeout>=4.0,<5.0; python_version < \"3.11\"", "yarl>=1.0,<2.0", "frozenlist>=1.1.1", "aiosignal>=1.1.2")]),
        new("async-timeout", V("4.0.2 4.0.3"), [E(0)]),
        new("attrs", V("22.2.0 23.1.0 23.2.0"), [E(0)]),
        new("multidict", V("6.0.4 6.0.5"), [E(0)]),
        new("yarl", V("1.9.2 1.9.3 1.9.4"), [E(0, "idna>=2.0", "multidict>=4.0")]),
        new("frozenlist", V("1.3.3 1.4.0 1.4.1"), [E(0)]),
        new("aiosignal", V("1.3.1"), [E(0, "frozenlist>=1.1.0")]),
    ];

    /// <summary>
    /// Serves every wheel on <paramref name="server"/> with its Requires-Python, the PyTorch family also under the
    /// PyTorch-like <c>/whl/cpu/</c> index. Returns the number of wheels.
    /// </summary>
    public static int PublishTo(LocalIndexServer server)
    {
        var wheels = 0;
        foreach (var wheel in Wheels())
        {
            var project = Projects.First(p => p.Name == wheel.Name);
            var options = new LocalIndexFileOptions { RequiresPython = project.RequiresPython };
            var bytes = wheel.Build();
            server.AddFile(wheel.FileName, bytes, options);
            if (PyTorchFamily.Contains(wheel.Name))
                server.AddPyTorchFile("cpu", wheel.FileName, bytes, options);
            wheels++;
        }
        return wheels;
    }

    /// <summary>Every wheel of the graph, built deterministically (same bytes every run).</summary>
    public static IEnumerable<WheelBuilder> Wheels()
    {
        foreach (var project in Projects)
        {
            var module = project.Name.Replace('-', '_');
            for (var i = 0; i < project.Versions.Length; i++)
            {
                var version = project.Versions[i];
                var wheel = new WheelBuilder(project.Name, version) { RequiresPython = project.RequiresPython };
                wheel.AddFile($"{module}/__init__.py", $"__version__ = \"{version}\"\n");
                wheel.RequiresDist.AddRange(project.Eras.Last(e => e.From <= i).Requires);
                foreach (var (extra, requires) in project.Extras ?? [])
                {
                    wheel.ProvidesExtra.Add(extra);
                    wheel.RequiresDist.AddRange(requires.Select(r => r.Contains(';') ? $"{r} and extra == \"{extra}\"" : $"{r}; extra == \"{extra}\""));
                }
                yield return wheel;
            }
        }
    }
}
