using ChargeNet.EdgeAgent.Cloud.Commands;
using ChargeNet.EdgeAgent.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The cloud link's composition: one call from Program.cs.</summary>
public static class CloudSyncServices
{
    public static WebApplicationBuilder AddCloudSync(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CloudSyncOptions>()
            .BindConfiguration(CloudSyncOptions.Section)
            .Validate(o => o.OutboxMaxMessages >= 100, "ChargeNet:Cloud:OutboxMaxMessages must be at least 100")
            .Validate(o => o.ReconnectInitial > TimeSpan.Zero && o.ReconnectMax >= o.ReconnectInitial, "ChargeNet:Cloud reconnect times must be above 0, max at least initial")
            .Validate(o => o.CommandQueueCapacity >= 1 && o.CommandWorkers >= 1, "ChargeNet:Cloud:CommandQueueCapacity and CommandWorkers must be at least 1")
            .ValidateOnStart();
        var recent = new RecentLogLines(TimeProvider.System);
        builder.Logging.AddProvider(recent);
        builder.Services.AddSingleton(recent);
        builder.Services.AddSingleton(sp => new CloudTelemetrySource(() => sp.GetRequiredService<Web.ShownStatus>().On(sp.GetService<ControlLoop>()?.Latest)));
        builder.Services.AddSingleton<CloudOutbox>();
        builder.Services.AddSingleton<CloudOutboxFeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CloudOutboxFeeder>());
        builder.Services.AddSingleton<OcppCommandTarget>();
        builder.Services.AddCloudCommands(CloudCommandSet.Site, CloudCommandSet.Chargers, CloudCommandSet.Daemon);
        builder.Services.AddSingleton<CloudCommandDispatcher>();
        builder.Services.AddSingleton<CloudAuthorizeRequests>();
        builder.Services.AddSingleton<CloudAuthorizeClient>();
        builder.Services.AddSingleton<CloudLink>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CloudLink>());
        return builder;
    }
}
