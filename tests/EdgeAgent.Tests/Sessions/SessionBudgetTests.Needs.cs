using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Operations;
using ChargeNet.EdgeAgent.Peak;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Tests.Configuration;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Tests.Sessions;

/// <summary>
/// A start's departureAt and energyWh (docs/load-balancing.md, "Departure times"): checked by the start operation,
/// kept on the connector's session, and on the connector's balancer input as a NotifyEVChargingNeeds value would be.
/// </summary>
public sealed partial class SessionBudgetTests
{
    [Fact]
    public async Task A_start_with_a_departure_and_an_energy_need_puts_them_on_the_connectors_balancer_input_and_bad_ones_are_refused_by_name()
    {
        using var configuration = new SiteConfigurationService(_test.Store, await SiteDocuments.CreateReaderAsync(), _time, NullLogger<SiteConfigurationService>.Instance);
        Assert.True((await configuration.ApplyAsync(SiteDocuments.ContractExample, "api", "test", None)).Accepted);
        var pending = new PendingBudgets(_time);
        var recorder = new SessionRecorder(_test.Store, _time);
        using var connectorBudgets = new ConnectorBudgets(pending, recorder);
        var operations = new ChargerOperations(configuration, new NoChargers(), pending, connectorBudgets, _time);
        var open = await recorder.OpenAsync(new ChargingSession("s-1", "wb-02", 1, null, null, T0, null, 0, null), None);
        var leaves = T0.AddHours(3).ToOffset(TimeSpan.FromHours(1));

        // Each bad value is named, and nothing reaches the session.
        foreach (var (departure, energy, field) in new (string?, decimal?, string)[]
        {
            ("2026-12-02T11:00:00", null, "departureAt"), // no offset
            ("tomorrow", null, "departureAt"),
            (T0.AddMinutes(-1).ToString("O"), null, "departureAt"), // past
            (T0.AddDays(7).AddMinutes(1).ToString("O"), null, "departureAt"),
            (null, 0m, "energyWh"),
            (null, 200_001m, "energyWh"),
        })
        {
            Assert.Equal((OperationKind.Invalid, field), Refusal(await operations.StartSessionAsync("wb-02", null, 1, null, null, departure, energy, None)));
        }

        Assert.Null(recorder.OpenOn("wb-02", 1)!.Budget);
        Assert.Null(pending.TakeForConnector("wb-02", 1));
        Assert.Equal(Input(), SessionNeedsInput.Apply(Snapshot(Input()), recorder).Connectors.Single());

        // Given mid-session (1 kWh in): the session keeps both, the balancer sees them, the need counts down by what it takes after.
        recorder.Update(open with { EnergyWh = 1_000 });
        var given = await operations.StartSessionAsync("wb-02", null, 1, null, null, leaves.ToString("O"), 12_000m, None);
        Assert.Equal((OperationKind.Done, "Running"), (given.Kind, given.Status));
        var stored = (await _test.Store.Sessions.GetAsync(open.Id, None))!.Budget!;
        Assert.Equal((leaves, 12_000m, false), (stored.DepartureAt!.Value, stored.EnergyWh!.Value, stored.Bounds));
        recorder.Update(open with { EnergyWh = 3_500 });
        var loopHook = new SitePeakTarget(configuration, _test.Store, new SpotPrices(_test.Store.SpotPrices, _time),
            new SiteEventLog(_test.Store, _time, NullLogger<SiteEventLog>.Instance), Options.Create(new ControlLoopOptions()), NullLogger<SitePeakTarget>.Instance, recorder);
        var input = (await loopHook.ApplyAsync(Snapshot(Input()), null, true, None)).Connectors.Single(); // as the control loop asks each cycle
        Assert.Equal((leaves, 9_500.0), (input.DepartureAt!.Value, input.EnergyWantedWh!.Value));

        // The station's own NotifyEVChargingNeeds, said once the car is plugged in, is the newer value and wins.
        var station = Input() with { DepartureAt = T0.AddHours(5), EnergyWantedWh = 4_000 };
        Assert.Equal(station, SessionNeedsInput.Apply(Snapshot(station), recorder).Connectors.Single());

        // They end with the session.
        await recorder.FinishAsync(recorder.OpenOn("wb-02", 1)! with { StoppedAt = T0.AddHours(1), StopReason = "EVDisconnected" }, None);
        Assert.Equal(Input(), SessionNeedsInput.Apply(Snapshot(Input()), recorder).Connectors.Single());
    }

    private static ConnectorInput Input() => new() { Id = "wb-02/1", ChargerId = "wb-02", CircuitIndex = 0, MaxCurrentA = 16 };

    private static SiteSnapshot Snapshot(ConnectorInput connector) => new() { Time = T0, Nodes = [new CircuitNode { Id = "grid", MaxCurrentA = PhaseCurrents.All(63) }], Connectors = [connector], Settings = new BalancerSettings { FallbackCurrentA = 6 } };
}
