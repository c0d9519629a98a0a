using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Tests.Storage;

public sealed class AuthorizationListStoreTests
{
    private static readonly AuthorizationEntry Alice = new("ALICE", "Accepted", null, null);
    private static readonly AuthorizationEntry Bob = new("BOB", "Accepted", TestStore.T0.AddDays(30), "FLEET-1");
    private static readonly AuthorizationEntry Carol = new("CAROL", "Accepted", null, "FLEET-1");

    [Theory]
    [InlineData(TestStore.File)]
    [InlineData(TestStore.Memory)]
    public async Task A_full_update_replaces_the_list_and_a_differential_one_changes_only_what_it_names(string kind)
    {
        using var test = TestStore.Open(kind);
        var list = test.Store.AuthorizationList;
        var ct = CancellationToken.None;
        Assert.Equal(0, await list.GetVersionAsync(ct));

        await list.UpdateAsync(1, full: true, [Alice, Bob, Carol], [], ct);
        Assert.Equal(1, await list.GetVersionAsync(ct));
        Assert.Equal([Alice, Bob, Carol], (await list.ListAsync(ct)).OrderBy(e => e.IdTag, StringComparer.Ordinal));
        Assert.Equal(Bob, await list.FindAsync("BOB", ct));

        var bobBlocked = Bob with { Status = "Blocked" };
        var dave = new AuthorizationEntry("DAVE", "Accepted", null, null);
        await list.UpdateAsync(2, full: false, [bobBlocked, dave], ["ALICE"], ct);
        Assert.Equal(2, await list.GetVersionAsync(ct));
        Assert.Equal([bobBlocked, Carol, dave], (await list.ListAsync(ct)).OrderBy(e => e.IdTag, StringComparer.Ordinal));
        Assert.Null(await list.FindAsync("ALICE", ct));

        await list.UpdateAsync(3, full: true, [Alice], [], ct);
        Assert.Equal(3, await list.GetVersionAsync(ct));
        Assert.Equal([Alice], await list.ListAsync(ct));
    }

    [Fact]
    public async Task Replacing_the_list_raises_its_version_by_its_length_and_an_empty_list_by_one_even_when_saves_race()
    {
        using var test = TestStore.Open(TestStore.File);
        var list = test.Store.AuthorizationList;
        var ct = CancellationToken.None;

        Assert.Equal(3, await list.ReplaceAsync([Alice, Bob, Carol], ct));
        Assert.Equal(4, await list.ReplaceAsync([], ct));
        Assert.Empty(await list.ListAsync(ct));

        // Saves at the same moment each get a version of their own: none is shared by two different lists.
        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => list.ReplaceAsync(i % 2 == 0 ? [Alice] : [Bob, Carol], ct))));
        Assert.Equal(versions.Length, versions.Distinct().Count());
        Assert.Equal(4 + (4 * 1) + (4 * 2), await list.GetVersionAsync(ct));
    }
}
