using ChargeNet.EdgeAgent.Cloud;

namespace ChargeNet.EdgeAgent.Tests.Cloud;

public sealed class CommandIdCacheTests
{
    [Fact]
    public async Task A_repeated_id_gets_the_first_answer_without_running_again()
    {
        var cache = new CommandIdCache(10);
        var runs = 0;
        Task<CommandResult> Run() => Task.FromResult(new CommandResult("a", true, null, null) with { Error = (++runs).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var first = await cache.GetOrRun("a", Run);
        var again = await cache.GetOrRun("a", Run);

        Assert.Equal(1, runs);
        Assert.Same(first, again);
    }

    [Fact]
    public async Task Only_the_most_recent_ids_are_remembered()
    {
        var cache = new CommandIdCache(2);
        var runs = 0;
        Task<CommandResult> Run() => Task.FromResult(new CommandResult("x", true, null, null) with { Error = (++runs).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        await cache.GetOrRun("a", Run);
        await cache.GetOrRun("b", Run);
        await cache.GetOrRun("c", Run);
        await cache.GetOrRun("a", Run);

        Assert.Equal(4, runs);
    }
}
