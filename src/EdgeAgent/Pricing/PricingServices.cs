using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>Pricing's composition: the spot prices in force and the cost of sessions.</summary>
public static class PricingServices
{
    public static IServiceCollection AddPricing(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SpotPrices(sp.GetRequiredService<IEdgeStore>().SpotPrices, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISessionCostCalculator>(sp =>
        {
            var configuration = sp.GetRequiredService<SiteConfigurationService>();
            return new SessionCostCalculator(() => configuration.Current?.Site, sp.GetRequiredService<SpotPrices>());
        });
        services.AddSingleton<ChargeNet.EdgeAgent.Sessions.ISessionCostSource>(sp => new PricedSessions(
            sp.GetRequiredService<ISessionCostCalculator>(),
            sp.GetRequiredService<IEdgeStore>().AuthorizationList,
            idTag => sp.GetService<Ocpp.StoreOcppAuthorizer>()?.CloudDecisionFor(idTag, sp.GetRequiredService<TimeProvider>().GetUtcNow())?.Tariff));
        return services;
    }
}
