using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Ocpp;
using ChargeNet.EdgeAgent.Operations;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The chargers: list, one, the pending OCPP chargers, and the actions (see <see cref="ChargerActionHandlers"/>).</summary>
public static class ChargersApi
{
    public static RouteGroupBuilder MapChargersApi(this RouteGroupBuilder api)
    {
        var chargers = api.MapGroup("/chargers").WithTags("Chargers").AddEndpointFilter(new RequireLoginFilter());
        chargers.MapGet("/", List).WithSummary("Every configured charger with its live state");
        chargers.MapGet("/pending", Pending).WithSummary("OCPP chargers that connected without being configured (adopt them by adding them to the configuration)");
        chargers.MapGet("/{id}", Get).WithSummary("One charger with its live state");
        chargers.MapChargerActions();
        chargers.MapChargerSchedule();
        chargers.MapTransactionStatus();
        chargers.MapChargerReport();
        return api;
    }

    internal static Ok<List<ChargerDetail>> List(SiteConfigurationService configuration, ControlLoop loop, ShownStatus shown, DeviceRegistry devices)
    {
        var status = shown.On(loop.Latest);
        return TypedResults.Ok((configuration.Current?.Site.Chargers ?? []).Select(c => Detail(c, status, devices.Current)).ToList());
    }

    internal static Results<Ok<ChargerDetail>, ProblemHttpResult> Get(string id, SiteConfigurationService configuration, ControlLoop loop, ShownStatus shown, DeviceRegistry devices) =>
        Find(configuration, id) is { } charger
            ? TypedResults.Ok(Detail(charger, shown.On(loop.Latest), devices.Current))
            : WebProblems.NotFound($"there is no charger '{id}' in the configuration");

    internal static Ok<List<OcppPendingCharger>> Pending(ConfiguredOcppChargerRegistry registry) =>
        TypedResults.Ok(registry.Pending.OrderBy(p => p.ChargePointId, StringComparer.Ordinal).ToList());

    internal static ChargerSettings? Find(SiteConfigurationService configuration, string id) =>
        configuration.Current?.Site.Chargers.FirstOrDefault(c => c.Id == id);

    internal static ChargerDetail Detail(ChargerSettings settings, SiteStatus? status, DeviceSet devices)
    {
        var view = status?.Chargers.FirstOrDefault(c => c.Id == settings.Id);
        var health = devices.Chargers.TryGetValue(settings.Id, out var driver) && driver is IHasDeviceHealth healthy ? healthy.Health : DeviceHealth.Unknown;
        return new ChargerDetail(
            settings.Id,
            settings.Protocol,
            settings.Circuit,
            settings.PhaseRotation,
            settings.MinCurrentA,
            settings.MaxCurrentA,
            view?.Online ?? false,
            health.Connection.ToString().ToLowerInvariant(),
            view?.LastError ?? health.LastError,
            view?.Connectors ?? [],
            ChargerProtocols.IsOcpp(settings.Protocol) ? ChargerActions.Ocpp : ChargerActions.Budget)
        {
            Upstream = view?.Upstream,
        };
    }

    /// <summary>
    /// The OCPP charger (any version) behind a configured charger, for the OCPP-only file operations, or
    /// the problem that says why there is none: the operations' one lookup rule (<see cref="ChargerOperations.Find"/>).
    /// </summary>
    internal static (IChargePointControl? ChargePoint, ProblemHttpResult? Problem) OcppChargePointOf(
        string id, string action, ChargerOperations operations, OcppServer server)
    {
        var (_, refusal) = operations.Find(id, action);
        if (refusal is null && server.GetChargePoint(id).Control is { } control)
        {
            return (control, null);
        }

        refusal ??= OperationResult.Of(OperationKind.Unreachable, id, action, $"'{id}' is not connected now");
        return (null, ChargerActionHandlers.Problem(refusal));
    }
}
