using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>"Test connection": reads a configured meter or charger once through its driver and shows what came back.</summary>
public static class DeviceTestApi
{
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapDeviceTestApi(this RouteGroupBuilder api)
    {
        api.MapPost("/meters/{id}/test", TestMeter).WithTags("Devices").AddEndpointFilter(new RequireLoginFilter())
            .WithSummary("Read the configured meter once (a test of its connection)");
        api.MapPost("/chargers/{id}/test", TestCharger).WithTags("Chargers").AddEndpointFilter(new RequireLoginFilter())
            .WithSummary("Read the configured charger's status once (a test of its connection)");
        return api;
    }

    internal static Task<Results<Ok<MeterReading>, ProblemHttpResult>> TestMeter(string id, DeviceRegistry devices, CancellationToken cancellationToken) =>
        devices.Current.Meters.TryGetValue(id, out var meter)
            ? ReadOnceAsync(id, meter.ReadAsync, cancellationToken)
            : Task.FromResult<Results<Ok<MeterReading>, ProblemHttpResult>>(WebProblems.NotFound($"there is no meter '{id}' in the configuration in force (save the configuration first)"));

    internal static Task<Results<Ok<ChargerStatus>, ProblemHttpResult>> TestCharger(string id, DeviceRegistry devices, CancellationToken cancellationToken) =>
        devices.Current.Chargers.TryGetValue(id, out var charger)
            ? ReadOnceAsync(id, charger.ReadStatusAsync, cancellationToken)
            : Task.FromResult<Results<Ok<ChargerStatus>, ProblemHttpResult>>(WebProblems.NotFound($"there is no charger '{id}' in the configuration in force (save the configuration first)"));

    private static async Task<Results<Ok<T>, ProblemHttpResult>> ReadOnceAsync<T>(string id, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            return TypedResults.Ok(await read(timeout.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "The device did not answer", detail: $"'{id}' did not answer within {ReadTimeout.TotalSeconds:0} s");
        }
        catch (DeviceException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The device answered with an error", detail: $"'{id}': {ex.Message}");
        }
    }
}
