using System.Net;
using System.Security.Cryptography.X509Certificates;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Files;
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

    private OcppTestHost(WebApplication app, string baseUrl, string filesDirectory)
    {
        _app = app;
        BaseUrl = baseUrl;
        FilesDirectory = filesDirectory;
    }

    /// <summary>Holds firmware/ (served) and diagnostics/ (uploads); deleted with the host.</summary>
    public string FilesDirectory { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public Uri HttpBaseUrl => new(BaseUrl.Replace("ws://", "http://", StringComparison.Ordinal)[..^"/ocpp".Length]);

    /// <summary><c>ws://127.0.0.1:{port}/ocpp</c>; a charge point connects to BaseUrl/{id}.</summary>
    public string BaseUrl { get; }

    public OcppServer Server => _app.Services.GetRequiredService<OcppServer>();

    public OcppFileUrls FileUrls => _app.Services.GetRequiredService<OcppFileUrls>();

    public InMemoryOcppChargerRegistry Registry => (InMemoryOcppChargerRegistry)_app.Services.GetRequiredService<IOcppChargerRegistry>();

    public InMemoryOcppTransactionStore Store => (InMemoryOcppTransactionStore)_app.Services.GetRequiredService<IOcppTransactionStore>();

    public InMemoryOcppAuthorizer Authorizer => (InMemoryOcppAuthorizer)_app.Services.GetRequiredService<IOcppAuthorizer>();

    public InMemoryOcppEventSink Events => (InMemoryOcppEventSink)_app.Services.GetRequiredService<IOcppEventSink>();

    /// <summary>
    /// Waits until the server has let go of the charge point's connection. A charger whose close was
    /// answered is let go already; one that dropped its socket is once the server has seen that.
    /// </summary>
    public Task DisconnectedAsync(string chargePointId) =>
        OcppCoreMessagesTests.WaitUntilAsync(() => !Server.GetChargePoint(chargePointId).IsConnected, chargePointId + " still connected");
    public static async Task<OcppTestHost> StartAsync(OcppServerOptions? options = null, IOcppTransactionStore? store = null, X509Certificate2? certificate = null, IOcppBootStore? boots = null, IOcppAuthorizer? authorizer = null, Drivers.Ocpp.Upstream.IOcppConnectionRelay? relay = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        }

        builder.Services.AddSingleton<IOcppChargerRegistry>(new InMemoryOcppChargerRegistry());
        builder.Services.AddSingleton(store ?? new InMemoryOcppTransactionStore());
        builder.Services.AddSingleton<IOcppAuthorizer>(authorizer ?? new InMemoryOcppAuthorizer(OcppUnknownTagPolicy.AcceptAll));
        builder.Services.AddSingleton<IOcppEventSink>(new InMemoryOcppEventSink());
        if (boots is not null)
        {
            builder.Services.AddSingleton(boots);
        }

        if (relay is not null)
        {
            builder.Services.AddSingleton(relay);
        }

        builder.Services.AddSingleton(new OcppFileUrls(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), TimeProvider.System));
        builder.Services.AddOcppCentralSystem(options ?? new OcppServerOptions { BootTriggerDelay = TimeSpan.FromMinutes(10) });
        var app = builder.Build();
        app.MapOcpp();
        var files = Directory.CreateTempSubdirectory("ocpp-files-").FullName;
        app.MapOcppFiles(new OcppFileOptions
        {
            FirmwareDirectory = Directory.CreateDirectory(Path.Combine(files, "firmware")).FullName,
            DiagnosticsDirectory = Path.Combine(files, "diagnostics"),
            MaxUploadBytes = 1024 * 1024,
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OcppTestHost(app, address.Replace("https://", "wss://", StringComparison.Ordinal).Replace("http://", "ws://", StringComparison.Ordinal) + "/ocpp", files);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        Directory.Delete(FilesDirectory, recursive: true);
    }
}
