namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>
/// Project files of the throw-away apps most tests build: an Exe on net10.0 using the packed SDK, Python 3.11,
/// and a cache inside the project folder (so tests never share or touch the user's cache).
/// </summary>
public static class AppProjectXml
{
    /// <param name="cacheDirectory">Projects of one test that should share a cache name a common folder (<c>$(MSBuildProjectDirectory)/../cache</c>).</param>
    public static string With(string properties, string items, string cacheDirectory = "$(MSBuildProjectDirectory)/cache") => $"""
        <Project Sdk="LlmPython.Sdk/{"{SdkVersion}"}">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <PythonVersion>3.11</PythonVersion>
            <PythonCacheDirectory>{cacheDirectory}</PythonCacheDirectory>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            {items}
          </ItemGroup>
        </Project>
        """;

    /// <summary>The QuickStart's app, offline: hello-llm from the <c>wheels</c> folder <see cref="TestProject.WithQuickStartWheels"/> copies.</summary>
    public static string QuickStart(string packageMetadata = "", string extraItems = "") => With(
        "<PythonOffline>true</PythonOffline>",
        $"<PythonFindLinks Include=\"wheels\" />\n    <PythonPackage Include=\"hello-llm\" {packageMetadata}/>\n    {extraItems}");

    /// <summary>An app resolving from one package index over HTTP.</summary>
    public static string FromIndex(string indexUrl, string items, string moreProperties = "") => With(
        $"<PythonIndexUrl>{indexUrl}</PythonIndexUrl>\n    {moreProperties}", items);
}
