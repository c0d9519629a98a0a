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
    /// <see cref="OcppServer"/> registered in the services, and adds the WebSockets middleware. When the host begins to stop
    /// the server closes every charger's connection with 1001 (<see cref="OcppServer.StopAsync"/>): the host's stop waits for
    /// the connections' requests, which end once those closes are answered, rather than dropping the sockets at its timeout.
    /// </summary>
    public static IEndpointConventionBuilder MapOcpp(this WebApplication app, string prefix = "/ocpp")
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.Services.GetRequiredService<OcppServer>();
        app.UseWebSockets();
        app.Lifetime.ApplicationStopping.Register(() => _ = server.StopAsync(CancellationToken.None));
        return app.Map(prefix.TrimEnd('/') + "/{chargePointId}", (HttpContext http, string chargePointId) => server.HandleAsync(http, chargePointId));
    }

    /// <summary>
    /// Maps the firmware download (<c>GET /ocpp-files/{cp}/{expires}/{signature}/firmware/{fileName}</c>)
    /// and the diagnostics upload (<c>PUT|POST …/diagnostics/{fileName}</c>, or <c>POST …/diagnostics/</c>)
    /// of the Firmware Management profile, on every listener. The URLs come from the
    /// <see cref="OcppFileUrls"/> registered in the services; give them to charge points in
    /// UpdateFirmware and GetDiagnostics.
    /// </summary>
    public static void MapOcppFiles(this WebApplication app, OcppFileOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = app.Services.GetRequiredService<IOcppChargerRegistry>();
        var urls = app.Services.GetRequiredService<OcppFileUrls>();
        var time = app.Services.GetService<TimeProvider>() ?? TimeProvider.System;
        var root = OcppFileUrls.Prefix + "/{chargePointId}/{expires}/{signature}";
        app.MapGet(root + "/firmware/{fileName}", (string chargePointId, string expires, string signature, string fileName) =>
            OcppFileEndpoints.GetFirmware(chargePointId, expires, signature, fileName, options, urls)).ExcludeFromDescription();
        app.MapMethods(root + "/diagnostics/{fileName}", ["PUT", "POST"], (HttpContext http, string chargePointId, string expires, string signature, string fileName) =>
            OcppFileEndpoints.UploadDiagnosticsAsync(http, chargePointId, expires, signature, fileName, options, urls, registry, time)).ExcludeFromDescription();
        app.MapMethods(root + "/diagnostics/", ["PUT", "POST"], (HttpContext http, string chargePointId, string expires, string signature) =>
            OcppFileEndpoints.UploadDiagnosticsAsync(http, chargePointId, expires, signature, null, options, urls, registry, time)).ExcludeFromDescription();
    }
}
