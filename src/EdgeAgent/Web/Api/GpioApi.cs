using ChargeNet.EdgeAgent.Gpio;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// The emergency stop's latch: after a stop, charging stays stopped, also once the button is
/// released, until an operator acknowledges it here (or on the page, or by the cloud command).
/// </summary>
public static class GpioApi
{
    public static RouteGroupBuilder MapGpioApi(this RouteGroupBuilder api)
    {
        var stop = api.MapGroup("/gpio/emergency-stop").WithTags("GPIO").AddEndpointFilter(new RequireLoginFilter());
        stop.MapGet("/", (SiteGpio gpio) => TypedResults.Ok(gpio.EmergencyStop))
            .WithSummary("The emergency stop: {\"configured\":bool,\"inputActive\":bool,\"latched\":bool}");
        stop.MapPost("/acknowledge", Acknowledge)
            .WithSummary("Releases the latch once the input is no longer active; 409 while it is, or when nothing is latched");
        return api;
    }

    internal static async Task<Results<Ok<EmergencyStopState>, ProblemHttpResult>> Acknowledge(SiteGpio gpio, HttpContext http, CancellationToken cancellationToken)
    {
        var by = WebLogin.CurrentSession(http)?.Username ?? "unknown";
        var outcome = await gpio.AcknowledgeEmergencyStopAsync(by, cancellationToken).ConfigureAwait(false);
        return EmergencyStopText.Refusal(outcome) is { } refusal
            ? WebProblems.Conflict("Not acknowledged", refusal)
            : TypedResults.Ok(gpio.EmergencyStop);
    }
}
