using System.Globalization;
using System.Text.RegularExpressions;

namespace ChargeNet.Integration.Tests.Install;

/// <summary>systemd's own checks of systemd/chargenet.service: it loads cleanly, and its exposure rating is "OK".</summary>
public sealed partial class SystemdUnitTests : IDisposable
{
    private readonly ThrowawayRoot _root = ThrowawayRoot.Create();
    private readonly string _unitDir = Directory.CreateTempSubdirectory("chargenet-unit-").FullName;

    [Fact]
    public async Task The_unit_passes_systemd_analyze_verify_against_an_installed_build()
    {
        Assert.Equal(0, (await _root.InstallAsync()).ExitCode);

        // verify loads the unit as systemd would, and checks that ExecStart= names an executable:
        // here the installed copy in the throwaway root.
        var installed = await VerifyAsync(_root.In("/opt/chargenet/chargenet-agent"));
        Assert.True(installed.ExitCode == 0 && installed.Error.Length == 0 && installed.Output.Length == 0, installed.Transcript);

        // The check is real: without the program, or with a key systemd does not know, it complains.
        var missing = await VerifyAsync(_root.In("/opt/chargenet/no-such-program"));
        Assert.True(missing.ExitCode != 0, missing.Transcript);
        Assert.Contains("no-such-program", missing.Error, StringComparison.Ordinal);
        var unknownKey = await VerifyAsync(_root.In("/opt/chargenet/chargenet-agent"), extra: "WatchdogSecs=10");
        Assert.Contains("Unknown key 'WatchdogSecs'", unknownKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Systemd_analyze_security_rates_the_unit_at_most_4_0()
    {
        var analyze = Command.Require("systemd-analyze", "systemd");
        var security = await Command.RunAsync(analyze, ["security", "--offline=true", "--no-pager", ThrowawayRoot.UnitFile], ThrowawayRoot.Timeout);

        var rating = ExposureLine().Match(security.Output);
        Assert.True(rating.Success, security.Transcript);
        var exposure = double.Parse(rating.Groups["exposure"].Value, CultureInfo.InvariantCulture);
        Assert.True(exposure <= 4.0, $"exposure {exposure} ({rating.Groups["word"].Value}) is above 4.0:\n{security.Transcript}");
    }

    [Fact]
    public void The_unit_is_a_notify_service_with_a_watchdog_restarts_without_end_and_its_own_user_and_directories()
    {
        var lines = File.ReadAllLines(ThrowawayRoot.UnitFile).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "Type=notify", "WatchdogSec=10", "Restart=always", "StartLimitIntervalSec=0", "User=chargenet",
                "SupplementaryGroups=gpio dialout", "StateDirectory=chargenet", "ConfigurationDirectory=chargenet",
                "LogsDirectory=chargenet", "NoNewPrivileges=yes", "ProtectSystem=strict", "CapabilityBoundingSet=",
                "ExecStart=/opt/chargenet/chargenet-agent", "DevicePolicy=closed",
            },
            lines);

        // Nothing keeps systemd from restarting it: no exit status is exempt.
        Assert.DoesNotContain(lines, l => l.StartsWith("RestartPreventExitStatus=", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _root.Dispose();
        Directory.Delete(_unitDir, recursive: true);
    }

    // A copy of the unit that starts the given program (verify checks the path on this machine).
    private async Task<Command> VerifyAsync(string program, string? extra = null)
    {
        var unit = Path.Combine(_unitDir, "chargenet.service");
        var text = File.ReadAllText(ThrowawayRoot.UnitFile).Replace("ExecStart=/opt/chargenet/chargenet-agent", "ExecStart=" + program, StringComparison.Ordinal);
        Assert.Contains("ExecStart=" + program, text, StringComparison.Ordinal);
        if (extra is not null)
        {
            text = text.Replace("[Service]\n", "[Service]\n" + extra + "\n", StringComparison.Ordinal);
        }

        File.WriteAllText(unit, text);
        return await Command.RunAsync(Command.Require("systemd-analyze", "systemd"), ["verify", "--no-pager", unit], ThrowawayRoot.Timeout);
    }

    [GeneratedRegex(@"Overall exposure level for chargenet\.service: (?<exposure>\d+\.\d+) (?<word>\w+)")]
    private static partial Regex ExposureLine();
}
