using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// A world with sdist-only packages and real build backends on a local index:
/// a modelscope[nlp]-shaped find-links page (modelscope wheel → jieba: legacy setup.py-only sdist, seqeval: setuptools
/// sdist with a wheel dependency, zhconv: flit_core sdist), and sdists for each case the builds must handle: a C extension
/// (gcc), dynamic metadata, static PKG-INFO 2.2, hatchling, a failing build, and a <c>BuildRequires="torch"</c> build that
/// records the torch and TORCH_CUDA_ARCH_LIST it saw (torch 2.4.0+cu121 on a PyTorch-like index).
/// </summary>
public sealed class SourceBuildFixture : IDisposable
{
    private readonly string _root;
    private readonly CaseProjects _cases;

    public SourceBuildFixture()
    {
        _root = Directory.CreateTempSubdirectory("llmpy-sdist-").FullName;
        Cache = Path.Combine(_root, "cache");
        _cases = new CaseProjects(_root, Cache);
        Server = LocalIndexServer.Start();
        foreach (var (file, content) in BuildBackendWheels.All()) Server.AddFile(file, content);
        Wheel(new WheelBuilder("tiny-dep", "1.0").AddFile("tiny_dep/__init__.py", "VALUE = 7\n"));
        Wheel(new WheelBuilder("addict", "2.4.0").AddFile("addict/__init__.py", "class Dict(dict):\n    pass\n"));
        var torch = new WheelBuilder("torch", "2.4.0+cu121") { Tag = GpuIndexFixture.LinuxTag }.AddFile("torch/__init__.py", "__version__ = '2.4.0+cu121'\n");
        Server.AddPyTorchFile("cu121", torch.FileName, torch.Build());

        var modelscope = new WheelBuilder("modelscope", "1.9.5").AddFile("modelscope/__init__.py", "import addict\n__version__ = '1.9.5'\n");
        modelscope.RequiresDist.AddRange(["addict", "jieba ; extra == \"nlp\"", "seqeval ; extra == \"nlp\"", "zhconv ; extra == \"nlp\""]);
        modelscope.ProvidesExtra.Add("nlp");
        Server.AddFindLinksFile(modelscope.FileName, modelscope.Build());

        Sdist(new SdistArchiveBuilder("jieba", "0.42.1").PkgInfo("1.0")
            .Add("setup.py", "from setuptools import setup\nsetup(name='jieba', version='0.42.1', packages=['jieba'])\n")
            .Add("jieba/__init__.py", "def cut(text):\n    return text.split()\n"));
        Sdist(new SdistArchiveBuilder("seqeval", "1.2.2").PkgInfo("2.1", ["tiny-dep>=1.0"])
            .Add("pyproject.toml", SetuptoolsPyproject)
            .Add("setup.py", "from setuptools import setup\nsetup(name='seqeval', version='1.2.2', packages=['seqeval'], install_requires=['tiny-dep>=1.0'])\n")
            .Add("seqeval/__init__.py", "import tiny_dep\nSCORE = tiny_dep.VALUE\n"));
        Sdist(new SdistArchiveBuilder("zhconv", "1.4.3").PkgInfo("2.1")
            .Add("pyproject.toml", "[build-system]\nrequires = [\"flit_core >=3.2,<4\"]\nbuild-backend = \"flit_core.buildapi\"\n\n[project]\nname = \"zhconv\"\nversion = \"1.4.3\"\ndescription = \"Chinese conversion\"\n")
            .Add("zhconv/__init__.py", "\"\"\"Conversion.\"\"\"\ndef convert(s, locale):\n    return s\n"));

        Sdist(new SdistArchiveBuilder("cext", "1.0").PkgInfo("2.1")
            .Add("pyproject.toml", SetuptoolsPyproject)
            .Add("setup.py", "from setuptools import setup, Extension\nsetup(name='cext', version='1.0', packages=['cext'], ext_modules=[Extension('cext._speed', ['src/speed.c'])])\n")
            .Add("cext/__init__.py", "from ._speed import answer\n")
            .Add("src/speed.c", """
                #include <Python.h>
                static PyObject *answer(PyObject *self, PyObject *args) { return PyLong_FromLong(6 * 7); }
                static PyMethodDef methods[] = { {"answer", answer, METH_NOARGS, "the answer"}, {NULL, NULL, 0, NULL} };
                static struct PyModuleDef module = { PyModuleDef_HEAD_INIT, "_speed", NULL, -1, methods };
                PyMODINIT_FUNC PyInit__speed(void) { return PyModule_Create(&module); }
                """));
        Sdist(new SdistArchiveBuilder("dynmeta", "1.0").PkgInfo("2.2", dynamic: ["Requires-Dist"])
            .Add("pyproject.toml", SetuptoolsPyproject)
            .Add("setup.py", "import os\nfrom setuptools import setup\n# computed at build time: the reason PKG-INFO marks Requires-Dist dynamic\nsetup(name='dynmeta', version='1.0', packages=['dynmeta'], install_requires=['tiny-' + 'dep'])\n")
            .Add("dynmeta/__init__.py", "import tiny_dep\n"));
        Sdist(new SdistArchiveBuilder("staticmeta", "1.0").PkgInfo("2.2", ["tiny-dep"])
            .Add("pyproject.toml", SetuptoolsPyproject)
            .Add("setup.py", "from setuptools import setup\nsetup(name='staticmeta', version='1.0', packages=['staticmeta'], install_requires=['tiny-dep'])\n")
            .Add("staticmeta/__init__.py", "import tiny_dep\n"));
        Sdist(new SdistArchiveBuilder("hatchpkg", "1.0").PkgInfo("2.1", ["tiny-dep"])
            .Add("pyproject.toml", "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n[project]\nname = \"hatchpkg\"\nversion = \"1.0\"\ndependencies = [\"tiny-dep\"]\n")
            .Add("hatchpkg/__init__.py", "import tiny_dep\nBACKEND = 'hatchling'\n"));
        Sdist(new SdistArchiveBuilder("failing", "1.0").PkgInfo("2.2")
            .Add("setup.py", "import sys\nfor i in range(40):\n    print('compiling frobnicator step', i)\nraise RuntimeError('frobnicator.h: No such file or directory')\n"));
        Sdist(SettingsRecorder);
        Sdist(new SdistArchiveBuilder("torchext", "1.0").PkgInfo("2.2", ["torch"])
            .Add("pyproject.toml", SetuptoolsPyproject)
            .Add("setup.py", """
                import os, torch
                from setuptools import setup
                with open(os.path.join('torchext', '_built.py'), 'w') as f:
                    f.write('TORCH = %r\nARCH = %r\nJOBS = %r\n' % (torch.__version__, os.environ.get('TORCH_CUDA_ARCH_LIST'), os.environ.get('MAX_JOBS')))
                setup(name='torchext', version='1.0', packages=['torchext'], install_requires=['torch'])
                """)
            .Add("torchext/__init__.py", "from ._built import TORCH, ARCH, JOBS\n"));
    }

    private static readonly SdistArchiveBuilder SettingsRecorder = new SdistArchiveBuilder("settingspkg", "1.0").PkgInfo("2.2")
        .Add("pyproject.toml", "[build-system]\nrequires = [\"setuptools>=40.8.0\", \"wheel\"]\nbuild-backend = \"recorder\"\nbackend-path = [\"_build\"]\n")
        .Add("_build/recorder.py", """
            # An in-tree backend (backend-path) that records the PEP 517 config settings it was given, then lets setuptools build.
            from setuptools import build_meta as _setuptools

            def get_requires_for_build_wheel(config_settings=None):
                return _setuptools.get_requires_for_build_wheel(None)

            def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
                with open('settingspkg/_settings.py', 'w') as f:
                    f.write('SETTINGS = %r\n' % (sorted((config_settings or {}).items()),))
                return _setuptools.build_wheel(wheel_directory, None, metadata_directory)
            """)
        .Add("setup.py", "from setuptools import setup\nsetup(name='settingspkg', version='1.0', packages=['settingspkg'])\n")
        .Add("settingspkg/__init__.py", "from ._settings import SETTINGS\n");

    private const string SetuptoolsPyproject = "[build-system]\nrequires = [\"setuptools>=40.8.0\", \"wheel\"]\nbuild-backend = \"setuptools.build_meta\"\n";

    public LocalIndexServer Server { get; }
    public string Cache { get; }

    private void Wheel(WheelBuilder wheel) => Server.AddFile(wheel.FileName, wheel.Build());

    private void Sdist(SdistArchiveBuilder sdist) => Server.AddFile(sdist.FileName, sdist.Build());

    public RestoreRequest Request(string caseName, params PackageItem[] packages) =>
        _cases.Request(caseName, Server, packages) with { FindLinks = [Server.FindLinksUrl] };

    public void Dispose()
    {
        Server.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
