using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace LlmPython.Tasks.Tests;

/// <summary>
/// Loads MSBuild from the installed .NET SDK before any test touches a Microsoft.Build type (the package assemblies are
/// compile-only): tasks then run against the MSBuild that runs them in a real build, and projects evaluate with its SDK resolvers.
/// </summary>
internal static class MSBuildRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
            MSBuildLocator.RegisterDefaults();
    }
}
