using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Install;

/// <summary>A program run to its end: exit code and output.</summary>
internal sealed record Command(int ExitCode, string Output, string Error)
{
    public string Transcript => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";

    public static async Task<Command> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var child = ChildProcess.Start(program, args, environment);
        var exitCode = await child.WaitForExitAsync(timeout);
        return new Command(exitCode, string.Join('\n', child.StandardOutput), string.Join('\n', child.StandardError));
    }

    /// <summary>A program the tests need (test.sh installs it): its path, or a failure naming the package.</summary>
    public static string Require(string program, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin"))
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{program} is not installed: apt-get install {debianPackage} (test.sh does)");
    }
}
