using ChargeNet.Integration.Tests.Foundation;
using ChargeNet.Integration.Tests.Peers;

namespace ChargeNet.Integration.Tests.Install;

/// <summary>
/// Dockerfile.arm64, which no Docker engine here builds: a linter (npm dockerfile-utils) checks it, and
/// it publishes with the same script the arm64 test runs, with everything that script reads copied in.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string Dockerfile = Path.Combine(BuiltArtifacts.RepositoryRoot, "Dockerfile.arm64");

    [Fact]
    public async Task The_dockerfile_passes_the_linter()
    {
        var lint = await LintAsync(Dockerfile);
        Assert.True(lint.ExitCode == 0 && lint.Output.Length == 0, lint.Transcript);

        // The linter is awake: a broken copy fails it.
        var broken = Path.Combine(Directory.CreateTempSubdirectory("chargenet-dockerfile-").FullName, "Dockerfile");
        File.WriteAllText(broken, File.ReadAllText(Dockerfile).Replace("EXPOSE 8080 9000", "EXPOSE web", StringComparison.Ordinal));
        var refused = await LintAsync(broken);
        Directory.Delete(Path.GetDirectoryName(broken)!, recursive: true);
        Assert.True(refused.ExitCode != 0, refused.Transcript);
    }

    [Fact]
    // What it checks is the text: no Docker engine here builds or runs the image (the arm64 test runs
    // the same publish script on its own). Named for that, not for an image it never saw.
    public void The_dockerfile_text_publishes_with_the_tested_script_and_declares_a_non_root_user_a_volume_and_a_health_check()
    {
        var lines = File.ReadAllLines(Dockerfile);

        Assert.Contains(lines, l => l.StartsWith("RUN systemd/publish.sh linux-arm64 ", StringComparison.Ordinal));
        Assert.Contains("COPY systemd/ systemd/", lines);
        Assert.Contains(lines, l => l.StartsWith("COPY docs/", StringComparison.Ordinal) && l.Contains("docs/install.md", StringComparison.Ordinal));
        Assert.Contains("USER app", lines);
        Assert.Contains("VOLUME [\"/var/lib/chargenet\"]", lines);
        Assert.Contains(lines, l => l.Contains("\"--health-check\", \"http://127.0.0.1:8080/healthz\"", StringComparison.Ordinal));

        // The final stage carries no .NET runtime: the publish must be self-contained.
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/runtime-deps:", StringComparison.Ordinal));
        Assert.Contains("--self-contained true", File.ReadAllText(Path.Combine(BuiltArtifacts.RepositoryRoot, "systemd", "publish.sh")), StringComparison.Ordinal);
    }

    private static Task<Command> LintAsync(string file)
    {
        var linter = Path.Combine(NodePeer.PeersDirectory, "node_modules", "dockerfile-utils", "bin", "dockerfile-utils");
        Assert.True(File.Exists(linter), $"{linter} is missing: npm ci in tests/peers (test.sh does)");
        return Command.RunAsync("node", [linter, "lint", file], ThrowawayRoot.Timeout);
    }
}
