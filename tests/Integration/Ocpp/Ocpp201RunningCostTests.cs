using ChargeNet.Drivers.Ocpp;
using ChargeNet.EdgeAgent.Ocpp.CostDisplay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// The once-a-minute CostUpdated of a running 2.0.1 transaction ([OCPP 2.0.1] I02; docs/pricing.md, "On an OCPP 2.0.1
/// station"): the daemon's display service on a fake clock, its sessions and cost engine over an in-memory store, a real
/// central system and a strict ocpp-rpc 2.0.1 station that reports the TariffCostCtrlr. With no event from the station, a
/// CostUpdated with the engine's running figure comes within a minute of the clock, and again the next minute.
/// </summary>
public sealed class Ocpp201RunningCostTests
{
    [Fact]
    public async Task A_running_transaction_on_a_station_that_shows_cost_gets_a_CostUpdated_each_minute_of_the_clock_without_any_event()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var priced = await PricedOcppHost.StartAsync(clock, ChargerCostDisplayTests.Site);
        var recorder = priced.Recorder;
        await using var services = new ServiceCollection().AddSingleton(priced.Host.Server).BuildServiceProvider();
        using var display = new ChargerCostDisplay(recorder, priced.Calculator, new OcppCostDisplayLink(services), clock, NullLogger<ChargerCostDisplay>.Instance);
        await display.StartAsync(CancellationToken.None);

        await using var station = await priced.BootAsync("DISPLAY-1", Ocpp201CostDisplayTests.Controller("true"));

        // 1,000 → 3,000 Wh: 2 kWh × 4.50 + 5.00 = 14.00 (this central system answers without cost: only the display service sends any).
        var startedAt = clock.GetUtcNow().AddMinutes(-10);
        string At(int minutes) => OcppPayloads.Iso(startedAt.AddMinutes(minutes));
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-minute", At(0), "Authorized", [Ocpp201Payloads.Energy(At(0), 1000)], chargingState: "Charging", idToken: "TAG-M"));
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 1, "tx-minute", At(5), "MeterValuePeriodic", [Ocpp201Payloads.Energy(At(5), 3000)], chargingState: "Charging"));
        Assert.Equal(14.00m, recorder.Running("DISPLAY-1", 1, clock.GetUtcNow())!.Cost!.Total);

        // Once a minute, not at every 5-second tick (seen a step late at worst: a loaded machine may miss one 250 ms look).
        var first = await CallWithinAsync(station, clock, "CostUpdated", TimeSpan.FromMinutes(2));
        var second = await CallWithinAsync(station, clock, "CostUpdated", ChargerCostDisplay.RunningCostEvery + TimeSpan.FromSeconds(10));
        Assert.InRange(second.At - first.At, TimeSpan.FromSeconds(30), ChargerCostDisplay.RunningCostEvery + TimeSpan.FromSeconds(10));
        foreach (var (costUpdated, _) in new[] { first, second })
        {
            Assert.Equal(("tx-minute", 14.00m), (costUpdated.GetProperty("transactionId").GetString(), costUpdated.GetProperty("totalCost").GetDecimal()));
        }

        await display.StopAsync(CancellationToken.None);
    }

    /// <summary>Moves the clock in the display services' 5-second ticks until the station gets a call of <paramref name="action"/>, at most <paramref name="within"/> of clock time; the call and the clock's time then.</summary>
    internal static async Task<(System.Text.Json.JsonElement Call, DateTimeOffset At)> CallWithinAsync(OcppPeer station, FakeTimeProvider clock, string action, TimeSpan within)
    {
        var call = station.ExpectIncomingCall(action);
        for (var moved = TimeSpan.Zero; moved <= within && !call.IsCompleted; moved += TimeSpan.FromSeconds(5))
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(call, Task.Delay(250)); // a tick's work is a few milliseconds: the next step waits for it, with room for a loaded machine (CI)
        }

        Assert.True(call.IsCompleted, $"no {action} within {within} of the clock:\n{station.Output}");
        return (await OcppPeer.WaitForIncomingCallAsync(call), clock.GetUtcNow());
    }
}
