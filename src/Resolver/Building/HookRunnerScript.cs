namespace LlmPython.Resolver.Building;

/// <summary>
/// The small Python program that calls one PEP 517 hook of a backend inside the build environment (run by the target
/// interpreter's build venv, in the unpacked sdist folder) and writes the hook's return value as JSON. Python 3.6+.
/// </summary>
internal static class HookRunnerScript
{
    public const string FileName = "_llmpython_pep517.py";

    public const string Text = """
        import importlib, json, os, sys

        def load_backend(spec, backend_path):
            for p in reversed(backend_path):
                sys.path.insert(0, os.path.abspath(p))
            module, _, attrs = spec.partition(":")
            obj = importlib.import_module(module.strip())
            for part in filter(None, attrs.strip().split(".")):
                obj = getattr(obj, part)
            return obj

        def main():
            hook, spec, backend_path, settings, out_dir, result_file = sys.argv[1:7]
            metadata_dir = sys.argv[7] if len(sys.argv) > 7 and sys.argv[7] else None
            backend = load_backend(spec, json.loads(backend_path))
            settings = json.loads(settings) or None
            fn = getattr(backend, hook, None)
            if hook == "get_requires_for_build_wheel":
                result = fn(settings) if fn else []
            elif hook == "prepare_metadata_for_build_wheel":
                result = fn(out_dir, settings) if fn else None
            elif hook == "build_wheel":
                result = fn(out_dir, settings, metadata_dir)
            else:
                raise SystemExit("unknown hook " + hook)
            with open(result_file, "w") as f:
                json.dump({"result": result}, f)

        main()
        """;
}
