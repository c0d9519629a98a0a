namespace ChargeNet.Integration.Tests.Install;

/// <summary>
/// systemd/install.sh in a throwaway root: the accounts, the files with their owners and modes, the
/// enabled unit; a second run changes nothing; a new build upgrades; --uninstall keeps the data.
/// </summary>
public sealed class InstallScriptTests : IDisposable
{
    private readonly ThrowawayRoot _root = ThrowawayRoot.Create();

    [Fact]
    public async Task Install_creates_the_user_the_files_and_the_enabled_unit_and_a_second_run_changes_nothing()
    {
        var first = await _root.InstallAsync();
        Assert.True(first.ExitCode == 0, first.Transcript);
        Assert.Contains("created group gpio", first.Output, StringComparison.Ordinal);
        Assert.Contains("created user chargenet", first.Output, StringComparison.Ordinal);

        // The accounts, in the root's own files: a system user in its own group, gpio and dialout.
        var user = _root.Entry("/etc/passwd", "chargenet")!;
        Assert.NotNull(user);
        Assert.True(int.Parse(user[2]) is > 0 and < 1000, "not a system user: " + string.Join(':', user));
        Assert.Equal(("/var/lib/chargenet", "/usr/sbin/nologin"), (user[5], user[6]));
        Assert.Equal(user[3], _root.Entry("/etc/group", "chargenet")![2]);
        Assert.Equal("20", _root.Entry("/etc/group", "dialout")![2]);
        Assert.Equal(["chargenet"], _root.Entry("/etc/group", "dialout")![3].Split(','));
        Assert.Equal(["chargenet"], _root.Entry("/etc/group", "gpio")![3].Split(','));
        var (uid, gid) = (user[2], user[3]);

        // The build, owned by root so the service cannot change its own program.
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root.Build, "chargenet-agent.dll")), File.ReadAllBytes(_root.In("/opt/chargenet/chargenet-agent.dll")));
        Assert.Equal("0:0 755", await _root.OwnerAndModeAsync("/opt/chargenet/chargenet-agent"));
        Assert.Equal("0:0 644", await _root.OwnerAndModeAsync("/opt/chargenet/chargenet-agent.dll"));
        Assert.Equal("0:0 755", await _root.OwnerAndModeAsync("/opt/chargenet"));
        Assert.Equal(File.ReadAllText(ThrowawayRoot.UnitFile), File.ReadAllText(_root.In("/etc/systemd/system/chargenet.service")));
        Assert.Equal("0:0 644", await _root.OwnerAndModeAsync("/etc/systemd/system/chargenet.service"));
        Assert.Equal("/etc/systemd/system/chargenet.service", new FileInfo(_root.In("/etc/systemd/system/multi-user.target.wants/chargenet.service")).LinkTarget);

        // Configuration readable by the service only; data and logs its own.
        Assert.Equal("0:0 755", await _root.OwnerAndModeAsync("/etc/chargenet"));
        Assert.Equal($"0:{gid} 640", await _root.OwnerAndModeAsync("/etc/chargenet/chargenet.env"));
        Assert.Equal($"{uid}:{gid} 750", await _root.OwnerAndModeAsync("/var/lib/chargenet"));
        Assert.Equal($"{uid}:{gid} 750", await _root.OwnerAndModeAsync("/var/log/chargenet"));
        Assert.Contains("GROUP=\"gpio\"", File.ReadAllText(_root.In("/etc/udev/rules.d/60-chargenet-gpio.rules")), StringComparison.Ordinal);

        var before = await _root.SnapshotAsync();
        var second = await _root.InstallAsync();
        Assert.True(second.ExitCode == 0, second.Transcript);
        Assert.Contains("Nothing to change", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await _root.SnapshotAsync());
    }

    [Fact]
    public async Task A_newer_build_replaces_the_old_one_whole_and_keeps_the_data_and_the_settings()
    {
        Assert.Equal(0, (await _root.InstallAsync()).ExitCode);
        File.WriteAllText(_root.In("/var/lib/chargenet/chargenet.db"), "the site's data");
        File.AppendAllText(_root.In("/etc/chargenet/chargenet.env"), "CHARGENET_LOG_LEVEL=Debug\n");
        var settings = File.ReadAllText(_root.In("/etc/chargenet/chargenet.env"));

        // The next version: one file gone, one new.
        File.Delete(Path.Combine(_root.Build, "chargenet-agent.pdb"));
        File.WriteAllText(Path.Combine(_root.Build, "release-notes.txt"), "0.2.0");
        var upgrade = await _root.InstallAsync();

        Assert.True(upgrade.ExitCode == 0, upgrade.Transcript);
        Assert.Contains("installed the build in /opt/chargenet", upgrade.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_root.In("/opt/chargenet/release-notes.txt")));
        Assert.False(File.Exists(_root.In("/opt/chargenet/chargenet-agent.pdb")), "a file of the old build stayed behind");
        Assert.False(Directory.Exists(_root.In("/opt/chargenet.new")) || Directory.Exists(_root.In("/opt/chargenet.old")));
        Assert.Equal("the site's data", File.ReadAllText(_root.In("/var/lib/chargenet/chargenet.db")));
        Assert.Equal(settings, File.ReadAllText(_root.In("/etc/chargenet/chargenet.env")));
    }

    [Fact]
    public async Task Uninstall_keeps_the_data_and_the_user_and_purge_removes_them()
    {
        Assert.Equal(0, (await _root.InstallAsync()).ExitCode);
        File.WriteAllText(_root.In("/var/lib/chargenet/chargenet.db"), "the site's data");

        var uninstall = await _root.InstallAsync("--uninstall");

        Assert.True(uninstall.ExitCode == 0, uninstall.Transcript);
        Assert.False(File.Exists(_root.In("/etc/systemd/system/chargenet.service")));
        Assert.False(File.Exists(_root.In("/etc/systemd/system/multi-user.target.wants/chargenet.service")), "the enablement link stayed");
        Assert.False(Directory.Exists(_root.In("/opt/chargenet")));
        Assert.Equal("the site's data", File.ReadAllText(_root.In("/var/lib/chargenet/chargenet.db")));
        Assert.True(File.Exists(_root.In("/etc/chargenet/chargenet.env")));
        Assert.NotNull(_root.Entry("/etc/passwd", "chargenet"));
        Assert.Contains("--purge removes them", uninstall.Output, StringComparison.Ordinal);

        var purge = await _root.InstallAsync("--uninstall", "--purge");

        Assert.True(purge.ExitCode == 0, purge.Transcript);
        Assert.False(Directory.Exists(_root.In("/var/lib/chargenet")));
        Assert.False(Directory.Exists(_root.In("/etc/chargenet")));
        Assert.Null(_root.Entry("/etc/passwd", "chargenet"));
        Assert.Null(_root.Entry("/etc/group", "chargenet"));
        Assert.NotNull(_root.Entry("/etc/group", "gpio"));
        Assert.Contains("Nothing to remove", (await _root.InstallAsync("--uninstall", "--purge")).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus", "unknown option '--bogus'")]
    [InlineData("--purge", "--purge goes with --uninstall")]
    [InlineData("--build", "--build needs a value")]
    [InlineData("--build /nonexistent", "has no chargenet-agent")]
    [InlineData("--unit /nonexistent.service", "is not a file")]
    public async Task A_bad_option_is_refused_with_exit_code_2_naming_it_and_nothing_is_installed(string args, string message)
    {
        var before = await _root.SnapshotAsync();

        var refused = await _root.InstallAsync(args.Split(' '));

        Assert.True(refused.ExitCode == 2, refused.Transcript);
        Assert.Contains(message, refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, await _root.SnapshotAsync());
    }

    [Fact]
    public async Task A_root_that_is_not_a_directory_is_refused()
    {
        var refused = await Command.RunAsync("bash", [ThrowawayRoot.Script, "--root", _root.In("/nonexistent")], ThrowawayRoot.Timeout);

        Assert.True(refused.ExitCode == 2, refused.Transcript);
        Assert.Contains("is not a directory", refused.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
