using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp;

/// <summary>Registers the OCPP central system. The host registers the four ports (registry, store, authorizer, event sink), and may register an <see cref="IOcppBootStore"/> that outlives the process.</summary>
public static class OcppServiceCollectionExtensions
{
    public static IServiceCollection AddOcppCentralSystem(this IServiceCollection services, OcppServerOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOcppBootStore, InMemoryOcppBootStore>(); // the daemon registers its store's first
        services.AddSingleton(sp => new OcppCentralSystemContext(
            options ?? new OcppServerOptions(),
            // The schemas are embedded strings without external references: loading completes synchronously.
            OcppProtocols.LoadAsync(CancellationToken.None).GetAwaiter().GetResult(),
            sp.GetRequiredService<IOcppChargerRegistry>(),
            sp.GetRequiredService<IOcppTransactionStore>(),
            sp.GetRequiredService<IOcppAuthorizer>(),
            sp.GetRequiredService<IOcppEventSink>(),
            sp.GetRequiredService<IOcppBootStore>(),
            sp.GetServices<IOcppChargePointObserver>().ToList(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<Upstream.IOcppConnectionRelay>(),
            sp.GetService<IOcppCostSource>()));
        services.AddSingleton<OcppServer>();
        return services;
    }
}
