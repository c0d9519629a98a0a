using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Operations;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Tests.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.EdgeAgent.Tests.Sessions;

/// <summary>
/// Budgets for chargers without idTags (docs/pricing.md, "Budgets"): set on a connector, for the session on it
/// now or the next one there, through the start operation (nothing sent to a charger), and the pause that stops such a session.
/// </summary>
public sealed partial class SessionBudgetTests
{
    [Fact]
    public void A_budget_offered_to_a_connector_goes_to_one_session_there_within_its_lifetime()
    {
        var budgets = new PendingBudgets(_time);
        var budget = new SessionBudget(null, 5000m);
        budgets.OfferToConnector("WB", 1, budget, "PAY-1");

        Assert.Null(budgets.TakeForConnector("WB", 2));
        Assert.Null(budgets.Take("WB", "PAY-1")); // an idTag's session on an OCPP charger is another offer
        Assert.Equal((budget, "PAY-1"), budgets.TakeForConnector("WB", 1));
        Assert.Null(budgets.TakeForConnector("WB", 1)); // taken once

        budgets.OfferToConnector("WB", 1, budget, null);
        _time.Advance(PendingBudgets.Lifetime);
        Assert.Null(budgets.TakeForConnector("WB", 1));
    }

    [Fact]
    public async Task A_start_on_a_Modbus_charger_sets_the_budget_of_the_session_on_the_connector_or_the_next_and_checks_it_like_any_start()
    {
        using var configuration = new SiteConfigurationService(_test.Store, await SiteDocuments.CreateReaderAsync(), _time, NullLogger<SiteConfigurationService>.Instance);
        Assert.True((await configuration.ApplyAsync(SiteDocuments.ContractExample, "api", "test", None)).Accepted);
        var pending = new PendingBudgets(_time);
        var recorder = new SessionRecorder(_test.Store, _time);
        using var connectorBudgets = new ConnectorBudgets(pending, recorder);
        var operations = new ChargerOperations(configuration, new NoChargers(), pending, connectorBudgets);

        Assert.Equal(OperationKind.Unsupported, (await operations.StartSessionAsync("wb-02", "TAG", 1, null, null, None)).Kind);
        Assert.Equal((OperationKind.Invalid, "maxCost"), Refusal(await operations.StartSessionAsync("wb-02", null, 1, 10m, null, None))); // no pricing
        Assert.Equal((OperationKind.Invalid, "idTag"), Refusal(await operations.StartSessionAsync("wb-02", new string('x', 37), 1, null, 100m, None)));
        Assert.Equal((OperationKind.Invalid, "connectorId"), Refusal(await operations.StartSessionAsync("wb-02", null, 2, null, 100m, None)));

        // No session yet: it waits; the one connector of the charger is the default.
        var waiting = await operations.StartSessionAsync("wb-02", null, null, null, 100m, None);
        Assert.Equal((OperationKind.Done, "Waiting"), (waiting.Kind, waiting.Status));
        Assert.Equal(new SessionBudget(null, 100m), pending.TakeForConnector("wb-02", 1)?.Budget);

        // A session runs: it takes the budget and the payer's idTag, stored; a second budget for it is refused.
        var open = await recorder.OpenAsync(new ChargingSession("s-1", "wb-02", 1, null, null, T0, null, 0, null), None);
        var running = await operations.StartSessionAsync("wb-02", "PAY-1", 1, null, 200m, None);
        Assert.Equal((OperationKind.Done, "Running"), (running.Kind, running.Status));
        var stored = (await _test.Store.Sessions.GetAsync(open.Id, None))!;
        Assert.Equal(("PAY-1", new SessionBudget(null, 200m)), (stored.IdTag, stored.Budget));
        Assert.Equal(("PAY-1", new SessionBudget(null, 200m)), (recorder.OpenOn("wb-02", 1)!.IdTag, recorder.OpenOn("wb-02", 1)!.Budget));
        Assert.Equal(OperationKind.NothingToDo, (await operations.StartSessionAsync("wb-02", null, 1, null, 300m, None)).Kind);
        Assert.Equal(new SessionBudget(null, 200m), (await _test.Store.Sessions.GetAsync(open.Id, None))!.Budget);
    }

    [Fact]
    public void The_pause_of_a_budget_holds_its_connector_at_0_A_until_its_session_ends_and_puts_back_the_operators_limit()
    {
        var limits = new ManualLimits();
        var pause = new BudgetPause(limits);
        var session = new ChargingSession("s-1", "WB", 1, null, null, T0, null, 0, null);
        limits.Set(new ManualLimit("WB", 1, 10, T0, "admin", null));

        pause.Hold(session, T0.AddMinutes(1));
        var held = Assert.Single(limits.All);
        Assert.Equal((0.0, BudgetPause.SetBy + "s-1"), (held.MaxCurrentA, held.SetBy));

        pause.Lift(session with { StoppedAt = T0.AddMinutes(5) }, T0.AddMinutes(5));
        Assert.Equal(("admin", 10.0), (Assert.Single(limits.All).SetBy, limits.All[0].MaxCurrentA));

        // An operator's 0 A already holds it: left as it is, and not lifted with the session.
        limits.Set(new ManualLimit("WB", 1, 0, T0, "admin", null));
        pause.Hold(session, T0.AddMinutes(6));
        pause.Lift(session, T0.AddMinutes(7));
        Assert.Equal(("admin", 0.0), (Assert.Single(limits.All).SetBy, limits.All[0].MaxCurrentA));

        // A pause whose session ended while the daemon was down is lifted at start; one of a session still open stays.
        limits.Clear("WB", 1);
        pause.Hold(session, T0);
        pause.Hold(session with { Id = "s-2", ConnectorId = 2 }, T0);
        pause.LiftEnded([session with { Id = "s-2", ConnectorId = 2 }]);
        Assert.Equal(2, Assert.Single(limits.All).ConnectorId);
    }

    private static (OperationKind, string?) Refusal(OperationResult result) => (result.Kind, result.Field);

}
