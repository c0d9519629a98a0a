using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Tests.Storage;

public sealed class SampleStoreTests
{
    [Theory]
    [InlineData(TestStore.File)]
    [InlineData(TestStore.Memory)]
    public async Task Samples_are_listed_per_meter_oldest_first_and_trimmed_by_age(string kind)
    {
        using var test = TestStore.Open(kind);
        var samples = test.Store.Samples;
        var ct = CancellationToken.None;
        var grid0 = new MeterSample("grid", TestStore.T0, new PhaseValues(10.5, 11, 12.25), 7_500);
        var grid1 = new MeterSample("grid", TestStore.T0.AddMinutes(1), new PhaseValues(20, 21, 22), 14_000);
        var sub1 = new MeterSample("deck-1", TestStore.T0.AddMinutes(1), new PhaseValues(1, 2, 3), 1_380);
        var grid2 = new MeterSample("grid", TestStore.T0.AddMinutes(2), new PhaseValues(30, 31, 32), 21_000);
        foreach (var sample in new[] { grid2, grid0, sub1, grid1 })
        {
            await samples.AppendAsync(sample, ct);
        }

        Assert.Equal([grid0, grid1, grid2], await samples.ListAsync("grid", TestStore.T0, ct));
        Assert.Equal([grid1, grid2], await samples.ListAsync("grid", TestStore.T0.AddMinutes(1), ct));
        Assert.Equal([sub1], await samples.ListAsync("deck-1", TestStore.T0, ct));

        Assert.Equal(3, await samples.TrimAsync(TestStore.T0.AddMinutes(2), ct));
        Assert.Equal([grid2], await samples.ListAsync("grid", TestStore.T0, ct));
        Assert.Empty(await samples.ListAsync("deck-1", TestStore.T0, ct));
    }
}
