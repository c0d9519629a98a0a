using ChargeNet.LoadBalancer.Simulation;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>The per-phase model on one real day: ideal cars never see a limit exceeded, and energy adds up.</summary>
public sealed class PhaseModelSimulatorTests
{
    private static readonly IReadOnlyList<ChargingSession> FirstDay = Load().Where(s => s.ArrivalPeriod < 288).ToList();

    [Theory]
    [InlineData(20)]
    [InlineData(40)]
    public void Ideal_cars_never_exceed_any_limit_and_get_no_more_than_they_asked(double capacityKw)
    {
        var model = new PhaseModel(capacityKw, DeparturesKnown: true) { Lag = TimeSpan.Zero, Step = TimeSpan.FromMinutes(1) };

        var metrics = PhaseModelSimulator.Run(FirstDay, new FairShareStrategy(), model);

        Assert.Equal(0, metrics.SecondsAboveLimit);
        Assert.True(metrics.PeakCurrentA <= model.GridLimitA + 1e-6, $"{metrics.PeakCurrentA} A over {model.GridLimitA} A");
        Assert.InRange(metrics.DeliveredKwh, 0.2 * metrics.RequestedKwh, metrics.RequestedKwh + 1e-9);
    }

    [Fact]
    public void Fair_share_delivers_more_than_equal_share_on_a_short_site()
    {
        var model = new PhaseModel(20, DeparturesKnown: false) { Step = TimeSpan.FromMinutes(1) };

        var fair = PhaseModelSimulator.Run(FirstDay, new FairShareStrategy(), model);
        var equal = PhaseModelSimulator.Run(FirstDay, new EqualShareStrategy(), model);

        Assert.True(fair.DeliveredKwh > equal.DeliveredKwh, $"{fair.DeliveredKwh} vs {equal.DeliveredKwh}");
    }

    private static IReadOnlyList<ChargingSession> Load()
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Data", "acn-caltech-2019-03-first-3-days.sessions.csv"));
        return SessionTraceCsv.Read(reader);
    }
}
