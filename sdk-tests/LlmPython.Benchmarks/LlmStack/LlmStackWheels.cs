using System.Text;
using LlmPython.TestSupport;

namespace LlmPython.Benchmarks.LlmStack;

/// <summary>
/// 33 generated wheels shaped like a torch-less LLM stack (transformers, accelerate, datasets and their
/// dependencies, plus sympy, networkx, jinja2, sentencepiece, protobuf): the real projects' names, dependency
/// edges, file counts (~6,900 files in all) and sizes — thousands of small .py files, a few platlib .so files of
/// some MB — with content that compresses like the real thing (Python-like source ~4×, machine-code-like
/// binaries ~2×), deflated as wheels are. Deterministic (fixed seeds).
/// </summary>
internal static class LlmStackWheels
{
    /// <summary>The 8 requirements a project names; the other 25 wheels come in as their dependencies.</summary>
    public static readonly string[] TopLevel = ["transformers", "accelerate", "datasets", "sentencepiece", "protobuf", "sympy", "networkx", "jinja2"];

    private const string Platform = "cp311-cp311-manylinux_2_17_x86_64";

    /// <param name="PyFiles">Number of .py files.</param>
    /// <param name="PyKb">Their mean size in KB.</param>
    /// <param name="NativeMb">Sizes of the extension modules (platlib wheel when any).</param>
    private sealed record Project(string Name, string Version, int PyFiles, int PyKb, double[] NativeMb, string[] Requires);

    private static readonly Project[] Projects =
    [
        new("transformers", "4.46.3", 2400, 16, [], ["huggingface-hub", "numpy", "packaging", "pyyaml", "regex", "requests", "safetensors", "tokenizers", "tqdm", "filelock"]),
        new("huggingface-hub", "0.26.2", 140, 8, [], ["filelock", "fsspec", "packaging", "pyyaml", "requests", "tqdm", "typing-extensions"]),
        new("tokenizers", "0.20.3", 25, 4, [7.0], ["huggingface-hub"]),
        new("safetensors", "0.4.5", 12, 6, [1.0], []),
        new("numpy", "2.1.3", 850, 7, [9.0, 4.0, 3.0, 2.0, 1.5, 1.0, 0.8, 0.5, 0.4, 0.3], []),
        new("regex", "2024.11.6", 8, 10, [2.4], []),
        new("pyyaml", "6.0.2", 18, 8, [2.0], []),
        new("requests", "2.32.3", 18, 9, [], ["charset-normalizer", "idna", "urllib3", "certifi"]),
        new("urllib3", "2.2.3", 40, 9, [], []),
        new("idna", "3.10", 9, 20, [], []),
        new("certifi", "2024.8.30", 4, 75, [], []),
        new("charset-normalizer", "3.4.0", 18, 10, [0.15, 0.15], []),
        new("filelock", "3.16.1", 12, 4, [], []),
        new("packaging", "24.2", 18, 9, [], []),
        new("typing-extensions", "4.12.2", 2, 60, [], []),
        new("tqdm", "4.67.1", 35, 6, [], []),
        new("fsspec", "2024.9.0", 110, 8, [], []),
        new("accelerate", "1.1.1", 130, 12, [], ["numpy", "packaging", "psutil", "pyyaml", "huggingface-hub", "safetensors"]),
        new("psutil", "6.1.0", 25, 12, [0.25, 0.15], []),
        new("datasets", "3.1.0", 200, 12, [], ["numpy", "dill", "requests", "tqdm", "xxhash", "multiprocess", "fsspec", "aiohttp", "huggingface-hub", "packaging", "pyyaml", "filelock"]),
        new("dill", "0.3.8", 40, 10, [], []),
        new("multiprocess", "0.70.16", 90, 6, [], ["dill"]),
        new("xxhash", "3.5.0", 4, 3, [0.8], []),
        new("aiohttp", "3.11.7", 60, 10, [0.6, 0.5, 0.4], ["multidict", "yarl"]),
        new("multidict", "6.1.0", 12, 6, [0.3], []),
        new("yarl", "1.18.0", 12, 7, [0.5], ["idna", "multidict"]),
        new("sentencepiece", "0.2.0", 8, 9, [2.0], []),
        new("protobuf", "5.28.3", 110, 7, [0.5], []),
        new("sympy", "1.13.1", 1450, 9, [], ["mpmath"]),
        new("mpmath", "1.3.0", 85, 12, [], []),
        new("networkx", "3.4.2", 750, 6, [], []),
        new("jinja2", "3.1.4", 25, 12, [], ["markupsafe"]),
        new("markupsafe", "3.0.2", 6, 4, [0.05], []),
    ];

    /// <summary>The wheels, built lazily one at a time by <see cref="StaticSimpleIndex.Write"/> (each is deflated in memory, a few MB).</summary>
    public static IEnumerable<WheelBuilder> Wheels() => Projects.Select(Build);

    private static WheelBuilder Build(Project p, int index)
    {
        var random = new Random(1000 + index);
        var module = p.Name.Replace('-', '_');
        var wheel = new WheelBuilder(p.Name, p.Version);
        if (p.NativeMb.Length > 0)
        {
            wheel.Tag = Platform;
            wheel.RootIsPurelib = false;
        }
        wheel.RequiresDist.AddRange(p.Requires);
        wheel.AddDistInfoFile("top_level.txt", module + "\n");
        var folders = FolderNames(module, Math.Max(1, p.PyFiles / 25), random);
        for (var i = 0; i < p.PyFiles; i++)
        {
            var folder = folders[i % folders.Count];
            var source = PythonSource(random, SizeAround(p.PyKb * 1024, random));
            if (i < folders.Count)
                // Packages are imported by the benchmark's check: their body is valid but never runs.
                wheel.AddFile($"{folder}/__init__.py", $"__version__ = \"{p.Version}\"\nif False:\n" + string.Join('\n', source.Split('\n').Select(l => l.Length == 0 ? l : "    " + l)));
            else
                wheel.AddFile($"{folder}/{Word(random)}_{i}.py", source);
        }
        for (var i = 0; i < p.NativeMb.Length; i++)
            wheel.AddFile($"{module}/_native{i}.cpython-311-x86_64-linux-gnu.so", NativeBinary(random, (int)(p.NativeMb[i] * 1024 * 1024)), executable: true);
        return wheel;
    }

    public static int FileCount => Projects.Sum(p => p.PyFiles + p.NativeMb.Length + 4); // + METADATA, WHEEL, RECORD, top_level.txt

    /// <summary>Package folders: the module and nested subpackages (<c>transformers/models/bert</c>).</summary>
    private static List<string> FolderNames(string module, int count, Random random)
    {
        var folders = new List<string> { module };
        while (folders.Count < count)
            folders.Add($"{folders[random.Next(folders.Count)]}/{Word(random)}{folders.Count}");
        return folders;
    }

    /// <summary>Log-normal-ish around <paramref name="mean"/>: many small modules, a few big ones.</summary>
    private static int SizeAround(int mean, Random random)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return (int)Math.Clamp(mean * Math.Exp(0.9 * normal - 0.4), 64, mean * 12);
    }

    private static readonly string[] Words =
    [
        "model", "config", "tensor", "token", "layer", "attention", "hidden", "state", "output", "input", "weight", "bias", "batch",
        "sequence", "length", "mask", "head", "embedding", "vocab", "cache", "position", "logits", "loss", "label", "device", "dtype",
        "value", "key", "query", "dropout", "norm", "scale", "shape", "size", "index", "path", "file", "name", "result",
        "processor", "encoder", "decoder", "pipeline", "feature", "image", "audio", "text", "generate", "forward", "init", "load", "save",
    ];

    private static string Word(Random random) => Words[random.Next(Words.Length)];

    /// <summary>Python-looking source: imports, classes, defs with docstrings, assignments and calls over a small vocabulary (deflates ~4×, like real modules).</summary>
    private static string PythonSource(Random random, int bytes)
    {
        var sb = new StringBuilder(bytes + 256);
        sb.Append("# coding=utf-8\n# Copyright 2024 The Authors. Licensed under the Apache License, Version 2.0.\n");
        sb.Append($"import {Word(random)}\nfrom typing import Any, Dict, List, Optional, Tuple, Union\n\nfrom .{Word(random)}_utils import {Word(random)}_{Word(random)}\n\n");
        while (sb.Length < bytes)
        {
            sb.Append($"\nclass {Cap(Word(random))}{Cap(Word(random))}({Cap(Word(random))}Base):\n");
            sb.Append($"    \"\"\"\n    The {Word(random)} {Word(random)} of the {Word(random)}, used by `{Word(random)}_{Word(random)}`.\n\n    Args:\n");
            for (var a = random.Next(2, 5); a > 0; a--)
                sb.Append($"        {Word(random)}_{Word(random)} (`{(random.Next(2) == 0 ? "int" : "torch.Tensor")}`, *optional*, defaults to {random.Next(1024)}):\n            The {Word(random)} {Word(random)} of the {Word(random)}.\n");
            sb.Append("    \"\"\"\n");
            for (var m = random.Next(2, 5); m > 0 && sb.Length < bytes; m--)
            {
                var (a, b) = (Word(random), Word(random));
                sb.Append($"\n    def {Word(random)}_{Word(random)}(self, {a}: Optional[{Cap(b)}] = None, **kwargs) -> Dict[str, Any]:\n");
                for (var s = random.Next(3, 9); s > 0; s--)
                {
                    sb.Append(random.Next(4) switch
                    {
                        0 => $"        {Word(random)}_{Word(random)} = self.{Word(random)}({a}, {Word(random)}={random.Next(64)})\n",
                        1 => $"        if {a} is None:\n            {a} = self.config.{Word(random)}_{Word(random)}\n",
                        2 => $"        {Word(random)} = {Word(random)}.view({Word(random)}_size, -1, self.{Word(random)}_{Word(random)})\n",
                        _ => $"        for {Word(random)} in range(len({b})):\n            {b}[{Word(random)}] += {Word(random)} * {random.NextDouble().ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}\n",
                    });
                }
                sb.Append($"        return {{\"{Word(random)}\": {a}, \"{Word(random)}\": {b}}}\n");
            }
        }
        return sb.ToString();
    }

    private static string Cap(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>Machine-code-like bytes: 64-byte blocks, about half random and half repeats of a small set (deflates ~2×, like real .so files).</summary>
    private static byte[] NativeBinary(Random random, int bytes)
    {
        var common = new byte[256][];
        for (var i = 0; i < common.Length; i++)
        {
            common[i] = new byte[64];
            random.NextBytes(common[i]);
        }
        var content = new byte[bytes];
        for (var at = 0; at < bytes; at += 64)
        {
            var block = content.AsSpan(at, Math.Min(64, bytes - at));
            if (random.Next(100) < 45) random.NextBytes(block);
            else common[random.Next(common.Length)].AsSpan(0, block.Length).CopyTo(block);
        }
        return content;
    }
}
