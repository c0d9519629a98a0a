using System.Text.Json;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Operations;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Tests.Storage;
using ChargeNet.EdgeAgent.Tests.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Sessions;

/// <summary>Budgets (docs/pricing.md, "Budgets"): waiting for their session, stored with it on a real LiteDB file, and its stop reason.</summary>
public sealed partial class SessionBudgetTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TestStore _test = TestStore.Open(TestStore.File);
    private readonly FakeTimeProvider _time = new(T0);

    public void Dispose() => _test.Dispose();

    [Fact]
    public void An_offered_budget_goes_to_one_session_of_its_idTag_on_its_charger_within_its_lifetime()
    {
        var budgets = new PendingBudgets(_time);
        var budget = new SessionBudget(10m, null);
        budgets.Offer("CP1", "TAG", budget);

        Assert.Null(budgets.Take("CP2", "TAG")); // another charger
        Assert.Null(budgets.Take("CP1", "OTHER"));
        Assert.Null(budgets.Take("CP1", null)); // a session without an idTag
        Assert.True(budgets.Holds("CP1", "TAG"));
        Assert.Equal(budget, budgets.Take("CP1", "TAG"));
        Assert.Null(budgets.Take("CP1", "TAG")); // taken once

        budgets.Offer("CP1", "TAG", budget);
        _time.Advance(PendingBudgets.Lifetime);
        Assert.False(budgets.Holds("CP1", "TAG"));
        Assert.Null(budgets.Take("CP1", "TAG"));

        // A refused start withdraws its own offer, not a newer one.
        var newer = new SessionBudget(null, 5000m);
        budgets.Offer("CP1", "TAG", newer);
        budgets.Withdraw("CP1", "TAG", budget);
        Assert.Equal(newer, budgets.Take("CP1", "TAG"));
    }

    [Theory]
    [InlineData(null, "3000", "2999.9", null, false)]
    [InlineData(null, "3000", "3000", null, true)]
    [InlineData("10.00", null, "100000", "9.99", false)]
    [InlineData("10.00", null, "0", "10.00", true)]
    [InlineData("10.00", null, "0", null, false)] // no pricing: a cost bound is never reached
    [InlineData("10.00", "3000", "3100", "2.00", true)]
    public void A_budget_is_reached_when_the_energy_or_the_running_cost_reaches_it(string? maxCost, string? maxEnergyWh, string energyWh, string? cost, bool reached) =>
        Assert.Equal(reached, new SessionBudget(Parse(maxCost), Parse(maxEnergyWh)).IsReachedBy(decimal.Parse(energyWh, System.Globalization.CultureInfo.InvariantCulture), Parse(cost)));

    [Fact]
    public void The_energy_delivered_counts_the_rises_of_the_register_in_time_order()
    {
        var usage = SessionUsage.None with { Readings = [new(T0.AddMinutes(20), 4_000), new(T0, 1_000), new(T0.AddMinutes(10), 500), new(T0.AddMinutes(5), 2_000)] };
        Assert.Equal(1_000m + 3_500m, usage.DeliveredWh); // 1000→2000, 2000→500 (a new meter: nothing), 500→4000
        Assert.Equal(0m, SessionUsage.None.DeliveredWh);
    }

    [Theory]
    [InlineData("""{"maxCost":"10"}""", "maxCost")]
    [InlineData("""{"maxEnergyWh":true}""", "maxEnergyWh")]
    public void A_budget_that_is_not_a_number_is_refused_by_the_command_naming_it(string json, string name)
    {
        using var command = JsonDocument.Parse(json);
        var refused = Assert.Throws<CloudCommandException>(() => CommandArguments.OptionalDecimal(command.RootElement, name));
        Assert.Contains($"'{name}'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1", null, "maxCost")]
    [InlineData("1.005", null, "maxCost")]
    [InlineData(null, "-0.5", "maxEnergyWh")]
    [InlineData(null, "1.0005", "maxEnergyWh")]
    public async Task A_wrong_budget_is_refused_by_the_start_operation_of_both_doors_naming_it_before_anything_is_sent(string? maxCost, string? maxEnergyWh, string field)
    {
        using var configuration = new SiteConfigurationService(_test.Store, await SiteDocuments.CreateReaderAsync(), _time, NullLogger<SiteConfigurationService>.Instance);
        var operations = new ChargerOperations(configuration, new NoChargers(), new PendingBudgets(_time));
        var result = await operations.StartSessionAsync("CP1", "TAG", null, Parse(maxCost), Parse(maxEnergyWh), None);
        Assert.Equal((OperationKind.Invalid, field), (result.Kind, result.Field));
        Assert.Contains($"'{field}'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_takes_its_budget_at_its_start_keeps_it_across_a_restart_and_ends_as_BudgetReached_once_reached()
    {
        var budgets = new PendingBudgets(_time);
        budgets.Offer("CP1", "TAG-PAY", new SessionBudget(null, 3000m));
        var recorder = new SessionRecorder(_test.Store, _time);
        var paid = await new OcppSessionLedger(_test.Store, recorder, budgets).StartTransactionAsync(new OcppTransactionStart("CP1:s-1", "CP1", 1, "TAG-PAY", 1_000, T0, null), None);
        var free = await new OcppSessionLedger(_test.Store, recorder, budgets).StartTransactionAsync(new OcppTransactionStart("CP1:s-2", "CP1", 2, "TAG-PAY", 0, T0, null), None);

        _test.Reopen();
        var reopened = new SessionRecorder(_test.Store, _time);
        var open = await reopened.LoadOpenAsync(None);
        var budgeted = Assert.Single(open, s => s.Budget is not null);
        Assert.Equal((1, new SessionBudget(null, 3000m)), (budgeted.ConnectorId, budgeted.Budget));
        Assert.True(await reopened.BudgetReachedAsync(budgeted, T0.AddMinutes(30), None));
        Assert.False(await reopened.BudgetReachedAsync(open.Single(s => s.Budget is null), T0.AddMinutes(30), None)); // nothing to reach

        var ledger = new OcppSessionLedger(_test.Store, reopened, budgets);
        await ledger.StopTransactionAsync(new OcppTransactionStop("CP1:e-1", "CP1", paid, "TAG-PAY", 4_100, T0.AddMinutes(31), "Remote", []), None);
        await ledger.StopTransactionAsync(new OcppTransactionStop("CP1:e-2", "CP1", free, "TAG-PAY", 500, T0.AddMinutes(31), "Local", []), None);

        var stopped = (await _test.Store.Sessions.GetAsync($"ocpp-CP1-{paid}", None))!;
        Assert.Equal((SessionBudget.StopReason, new SessionBudget(null, 3000m, T0.AddMinutes(30))), (stopped.StopReason, stopped.Budget));
        Assert.Equal(("Local", (SessionBudget?)null), ((await _test.Store.Sessions.GetAsync($"ocpp-CP1-{free}", None))!.StopReason, (await _test.Store.Sessions.GetAsync($"ocpp-CP1-{free}", None))!.Budget));
        Assert.Contains("\"budget\":{\"maxCost\":null,\"maxEnergyWh\":3000", CloudPayloads.Session(stopped), StringComparison.Ordinal);
        Assert.False(await _test.Store.Sessions.SetBudgetAsync(stopped.Id, stopped.Budget!, None)); // a finished session's budget stays as it ended
    }


    private static decimal? Parse(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
