using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Files;
using ChargeNet.Drivers.Ocpp.Ports;
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

    /// <summary>
    /// Maps the firmware download (<c>GET {prefix}/firmware/{fileName}</c>) and the diagnostics
    /// upload (<c>PUT|POST {prefix}/diagnostics/{chargePointId}/{fileName}</c>) of the Firmware
    /// Management profile. Give the charge points these URLs in UpdateFirmware and GetDiagnostics.
    /// </summary>
    public static void MapOcppFiles(this WebApplication app, OcppFileOptions options, string prefix = "/ocpp-files")
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = app.Services.GetRequiredService<IOcppChargerRegistry>();
        var time = app.Services.GetService<TimeProvider>() ?? TimeProvider.System;
        var root = prefix.TrimEnd('/');
        app.MapGet(root + "/firmware/{fileName}", (string fileName) => OcppFileEndpoints.GetFirmware(fileName, options));
        app.MapMethods(root + "/diagnostics/{chargePointId}/{fileName}", ["PUT", "POST"], (HttpContext http, string chargePointId, string fileName) =>
            OcppFileEndpoints.UploadDiagnosticsAsync(http, chargePointId, fileName, options, registry, time));
    }
}
