using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Install;

/// <summary>The published linux-arm64 build: test.sh's (CHARGENET_ARM64_BUILD), or one published now.</summary>
internal static class Arm64Build
{
    public const string Variable = "CHARGENET_ARM64_BUILD";

    /// <summary>
    /// What the arm64 runtime needs under qemu-user: its W^X double mapping of JIT code crashes
    /// qemu's translator (a SIGSEGV some seconds in); on a real Pi it stays on.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["DOTNET_EnableWriteXorExecute"] = "0",
    };

    /// <summary>The build's folder, and whether it was published now (and so is the caller's to delete).</summary>
    public static async Task<(string Path, bool Temporary)> GetAsync()
    {
        if (System.Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            Assert.True(File.Exists(Path.Combine(given, "chargenet-agent")), $"{Variable}={given} has no chargenet-agent");
            return (given, false);
        }

        var output = Directory.CreateTempSubdirectory("chargenet-publish-").FullName;
        var publish = await Command.RunAsync("bash", [Path.Combine(BuiltArtifacts.RepositoryRoot, "systemd", "publish.sh"), "linux-arm64", output], TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, publish.Transcript);
        return (output, true);
    }

    /// <summary>The ELF header's e_machine: 183 for AArch64, 62 for x86-64.</summary>
    public static int ElfMachine(string program)
    {
        var header = new byte[20];
        using (var file = File.OpenRead(program))
        {
            file.ReadExactly(header);
        }

        return BitConverter.ToUInt16(header, 18);
    }
}
