namespace ChargeNet.EdgeAgent.Tests.Storage;

public sealed class RevisionStoreTests
{
    [Theory]
    [InlineData(TestStore.File)]
    [InlineData(TestStore.Memory)]
    public async Task Revisions_are_numbered_1_2_3_and_listed_newest_first(string kind)
    {
        using var test = TestStore.Open(kind);
        var revisions = test.Store.Revisions;
        var ct = CancellationToken.None;

        Assert.Null(await revisions.GetLatestAsync(ct));
        var first = await revisions.AddAsync("{\"n\":1}", "file", "/etc/site.json", TestStore.T0, ct);
        var second = await revisions.AddAsync("{\"n\":2}", "page", "admin", TestStore.T0.AddMinutes(1), ct);
        var third = await revisions.AddAsync("{\"n\":3}", "cloud", null, TestStore.T0.AddMinutes(2), ct);

        Assert.Equal([1, 2, 3], new[] { first.Number, second.Number, third.Number });
        Assert.Equal(third, await revisions.GetLatestAsync(ct));
        Assert.Equal(second, await revisions.GetAsync(2, ct));
        Assert.Null(await revisions.GetAsync(4, ct));

        var listed = await revisions.ListAsync(10, 0, ct);
        Assert.Equal([3, 2, 1], listed.Select(r => r.Number));
        Assert.Equal(["cloud", "page", "file"], listed.Select(r => r.Source));
        Assert.Equal([null, "admin", "/etc/site.json"], listed.Select(r => r.Author));
        Assert.Equal([TestStore.T0.AddMinutes(2), TestStore.T0.AddMinutes(1), TestStore.T0], listed.Select(r => r.CreatedAt));
        Assert.All(listed, r => Assert.Equal("", r.Json)); // the list leaves the documents out

        Assert.Equal([2], (await revisions.ListAsync(1, 1, ct)).Select(r => r.Number));
    }

    [Fact]
    public async Task A_revision_and_a_login_added_inside_a_grouped_write_that_fails_are_not_kept()
    {
        // Their own transactions join the caller's: they used to commit it half way (BeginTrans is false inside one).
        using var test = TestStore.Open(TestStore.File);
        var ct = CancellationToken.None;

        Assert.Throws<InvalidOperationException>(() => test.Store.WriteTogether(() =>
        {
            test.Store.Revisions.AddAsync("{}", "page", "admin", TestStore.T0, ct).GetAwaiter().GetResult();
            test.Store.Logins.AddIfAbsentAsync(new("admin", new byte[16], new byte[32], 1, TestStore.T0), ct).GetAwaiter().GetResult();
            throw new InvalidOperationException("half way");
        }));

        Assert.Null(await test.Store.Revisions.GetLatestAsync(ct));
        Assert.Null(await test.Store.Logins.FindAsync("admin", ct));
    }
}
