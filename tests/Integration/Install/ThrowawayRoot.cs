using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Install;

/// <summary>
/// A directory that systemd/install.sh installs into with <c>--root</c>, as it would into /: its own
/// /etc/passwd, /etc/group and shadow files (with dialout, as Debian has it, and no gpio group), so
/// the host's accounts and services are never touched.
/// </summary>
internal sealed class ThrowawayRoot : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly string _workspace;
    private string? _build;

    private ThrowawayRoot(string workspace)
    {
        _workspace = workspace;
        Path = Directory.CreateDirectory(System.IO.Path.Combine(workspace, "root")).FullName;
    }

    public string Path { get; }

    public static string Script => System.IO.Path.Combine(BuiltArtifacts.RepositoryRoot, "systemd", "install.sh");

    public static string UnitFile => System.IO.Path.Combine(BuiltArtifacts.RepositoryRoot, "systemd", "chargenet.service");

    /// <summary>A build to install: the daemon as test.sh built it (framework-dependent, for this machine).</summary>
    public string Build => _build ??= CopyBuild(System.IO.Path.Combine(_workspace, "build"));

    public static ThrowawayRoot Create()
    {
        var root = new ThrowawayRoot(Directory.CreateTempSubdirectory("chargenet-install-").FullName);
        var etc = Directory.CreateDirectory(root.In("/etc")).FullName;
        File.WriteAllText(System.IO.Path.Combine(etc, "passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        File.WriteAllText(System.IO.Path.Combine(etc, "group"), "root:x:0:\ndialout:x:20:\n");
        File.WriteAllText(System.IO.Path.Combine(etc, "shadow"), "root:*:20000:0:99999:7:::\n");
        File.WriteAllText(System.IO.Path.Combine(etc, "gshadow"), "root:*::\ndialout:*::\n");
        return root;
    }

    /// <summary>A path inside the root, given as it is on the installed system.</summary>
    public string In(string absolutePath) => Path + absolutePath;

    /// <summary>Runs install.sh into this root with <paramref name="args"/> (the build is <see cref="Build"/> unless they name one).</summary>
    public Task<Command> InstallAsync(params string[] args) =>
        Command.RunAsync("bash", [Script, "--root", Path, .. args.Contains("--build") || args.Contains("--uninstall") ? args : [.. args, "--build", Build]], Timeout);

    /// <summary>Every file, folder and link in the root with its mode, owner, size, time and target.</summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync()
    {
        var find = await Command.RunAsync("find", [Path, "-printf", "%P %m %U:%G %s %T@ %l\n"], Timeout);
        Assert.True(find.ExitCode == 0, find.Transcript);
        return [.. find.Output.Split('\n').Order(StringComparer.Ordinal)];
    }

    /// <summary>The line of <paramref name="name"/> in the root's /etc/passwd or /etc/group, split at ':'.</summary>
    public string[]? Entry(string file, string name) =>
        File.ReadAllLines(In(file)).Select(l => l.Split(':')).FirstOrDefault(f => f[0] == name);

    /// <summary>"uid:gid mode" of a path inside the root, as stat says.</summary>
    public async Task<string> OwnerAndModeAsync(string absolutePath)
    {
        var stat = await Command.RunAsync("stat", ["-c", "%u:%g %a", In(absolutePath)], Timeout);
        Assert.True(stat.ExitCode == 0, stat.Transcript);
        return stat.Output.Trim();
    }

    public void Dispose() => Directory.Delete(_workspace, recursive: true);

    // The build output less the RID folders that a publish leaves beside it.
    private static string CopyBuild(string to)
    {
        var from = System.IO.Path.GetDirectoryName(BuiltArtifacts.AgentDll)!;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(from, file);
            if (relative.StartsWith("linux-", StringComparison.Ordinal))
            {
                continue;
            }

            var target = System.IO.Path.Combine(to, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target); // with its mode: the program stays executable
        }

        return to;
    }
}
