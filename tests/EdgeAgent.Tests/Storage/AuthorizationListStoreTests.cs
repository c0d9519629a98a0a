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
    public async Task Replacing_the_list_keeps_only_the_new_entries_each_found_by_its_id_tag(string kind)
    {
        using var test = TestStore.Open(kind);
        var list = test.Store.AuthorizationList;
        var ct = CancellationToken.None;
        Assert.Equal(0, await list.GetVersionAsync(ct));

        await list.ReplaceAsync([Alice, Bob, Carol], ct);
        Assert.Equal([Alice, Bob, Carol], (await list.ListAsync(ct)).OrderBy(e => e.IdTag, StringComparer.Ordinal));
        Assert.Equal(Bob, await list.FindAsync("BOB", ct));

        var bobBlocked = Bob with { Status = "Blocked" };
        await list.ReplaceAsync([bobBlocked, Carol], ct);
        Assert.Equal([bobBlocked, Carol], (await list.ListAsync(ct)).OrderBy(e => e.IdTag, StringComparer.Ordinal));
        Assert.Null(await list.FindAsync("ALICE", ct));
        Assert.Equal(5, await list.GetVersionAsync(ct));
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
