using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Files;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>
/// The daemon's parts and its routes, once: Program.cs runs them, and the test that reads the endpoint
/// table builds the same (docs/security.md: every route but the public ones needs a login), so no route
/// can be mapped where that test does not look.
/// </summary>
public static class AgentComposition
{
    public static WebApplicationBuilder AddAgent(this WebApplicationBuilder builder, AgentOptions options) =>
        builder.AddAgentHost(options)
            .AddSiteStore(options)
            .AddDevices()
            .AddOcppServer(options)
            .AddControlLoop()
            .AddDemoSite(options)
            .AddEdgeWeb()
            .AddCloudSync();

    public static WebApplication MapAgent(this WebApplication app)
    {
        app.MapEdgeApi();
        app.MapOcpp();
        app.MapOcppFiles(app.Services.GetRequiredService<OcppFileOptions>());
        return app;
    }
}
