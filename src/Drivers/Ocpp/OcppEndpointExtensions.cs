using ChargeNet.Drivers.Ocpp.CentralSystem;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChargeNet.Drivers.Ocpp;

/// <summary>Puts the OCPP central system on a Kestrel host: <c>app.MapOcpp()</c>.</summary>
public static class OcppEndpointExtensions
{
    /// <summary>
    /// Maps <c>{prefix}/{chargePointId}</c> (default <c>/ocpp/{chargePointId}</c>) to the
    /// <see cref="OcppServer"/> registered in the services, and adds the WebSockets middleware.
    /// </summary>
    public static IEndpointConventionBuilder MapOcpp(this WebApplication app, string prefix = "/ocpp")
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.Services.GetRequiredService<OcppServer>();
        app.UseWebSockets();
        return app.Map(prefix.TrimEnd('/') + "/{chargePointId}", (HttpContext http, string chargePointId) => server.HandleAsync(http, chargePointId));
    }
}
