using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>The OCPP central system on a real Kestrel, bound to 127.0.0.1 on a port the OS picks, with in-memory ports.</summary>
public sealed class OcppTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OcppTestHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary><c>ws://127.0.0.1:{port}/ocpp</c>; a charge point connects to BaseUrl/{id}.</summary>
    public string BaseUrl { get; }

    public OcppServer Server => _app.Services.GetRequiredService<OcppServer>();

    public InMemoryOcppChargerRegistry Registry => (InMemoryOcppChargerRegistry)_app.Services.GetRequiredService<IOcppChargerRegistry>();

    public InMemoryOcppTransactionStore Store => (InMemoryOcppTransactionStore)_app.Services.GetRequiredService<IOcppTransactionStore>();

    public InMemoryOcppAuthorizer Authorizer => (InMemoryOcppAuthorizer)_app.Services.GetRequiredService<IOcppAuthorizer>();

    public InMemoryOcppEventSink Events => (InMemoryOcppEventSink)_app.Services.GetRequiredService<IOcppEventSink>();

    public static async Task<OcppTestHost> StartAsync(OcppServerOptions? options = null, IOcppTransactionStore? store = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IOcppChargerRegistry>(new InMemoryOcppChargerRegistry());
        builder.Services.AddSingleton(store ?? new InMemoryOcppTransactionStore());
        builder.Services.AddSingleton<IOcppAuthorizer>(new InMemoryOcppAuthorizer(OcppUnknownTagPolicy.AcceptAll));
        builder.Services.AddSingleton<IOcppEventSink>(new InMemoryOcppEventSink());
        builder.Services.AddOcppCentralSystem(options ?? new OcppServerOptions { BootTriggerDelay = TimeSpan.FromMinutes(10) });
        var app = builder.Build();
        app.MapOcpp();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OcppTestHost(app, address.Replace("http://", "ws://", StringComparison.Ordinal) + "/ocpp");
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
