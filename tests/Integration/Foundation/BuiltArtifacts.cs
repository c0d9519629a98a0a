using System.Reflection;

namespace ChargeNet.Integration.Tests.Foundation;

/// <summary>
/// Where the programs these tests run were built: the repository's own bin folders, in the
/// configuration this test assembly was built in (test.sh builds Release).
/// </summary>
internal static class BuiltArtifacts
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Configuration { get; } =
        typeof(BuiltArtifacts).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The daemon: src/EdgeAgent/bin/&lt;Configuration&gt;/net10.0/chargenet-agent.dll.</summary>
    public static string AgentDll => Existing(Path.Combine(RepositoryRoot, "src", "EdgeAgent", "bin", Configuration, "net10.0", "chargenet-agent.dll"));

    /// <summary>The writer the hard-kill test kills (tests/StoreKillWriter).</summary>
    public static string StoreKillWriterDll => Existing(Path.Combine(RepositoryRoot, "tests", "StoreKillWriter", "bin", Configuration, "net10.0", "StoreKillWriter.dll"));

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException($"{path} is not built: build the solution in {Configuration} first (test.sh does).");

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChargeNet.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ChargeNet.sln not found above " + AppContext.BaseDirectory);
    }
}
