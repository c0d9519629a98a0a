using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>docs/security.md, "Secrets at rest": the store's files hold the cloud password, so only their owner may read them.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StoreFileModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task The_store_files_are_owner_only_whatever_the_umask_and_a_wider_file_is_narrowed_at_open()
    {
        using var test = TestStore.Open(TestStore.File);
        await test.Store.Events.AppendAsync(new EdgeEvent("e1", TestStore.T0, EventSeverities.Info, "test", "test.written", "a commit in the log"), CancellationToken.None);
        var data = Path.Combine(test.Directory!, LiteEdgeStore.FileName);
        var log = Path.Combine(test.Directory!, LiteEdgeStore.LogFileName);

        // The test runs under the usual umask 022, which would give 0644.
        Assert.Equal((OwnerOnly, OwnerOnly), (File.GetUnixFileMode(data), File.GetUnixFileMode(log)));

        // A file an older version (or a copy) left readable by others is narrowed when the store opens it.
        File.SetUnixFileMode(data, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        test.Reopen();
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(data));
    }
}
