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
        builder.Services.AddSingleton<ICloudCommand, SetSiteLimitCommand>();
        builder.Services.AddSingleton<ICloudCommand, StartSessionCommand>();
        builder.Services.AddSingleton<ICloudCommand, StopSessionCommand>();
        builder.Services.AddSingleton<ICloudCommand, SetAvailabilityCommand>();
        builder.Services.AddSingleton<ICloudCommand, ResetChargerCommand>();
        builder.Services.AddSingleton<ICloudCommand, UnlockConnectorCommand>();
        builder.Services.AddSingleton<ICloudCommand, ClearCacheCommand>();
        builder.Services.AddSingleton<ICloudCommand, TriggerMessageCommand>();
        builder.Services.AddSingleton<ICloudCommand, UpdateFirmwareCommand>();
        builder.Services.AddSingleton<ICloudCommand, UploadLogCommand>();
        builder.Services.AddSingleton<ICloudCommand, GetConfigCommand>();
        builder.Services.AddSingleton<ICloudCommand, SetConfigCommand>();
        builder.Services.AddSingleton<ICloudCommand, SendLocalListCommand>();
        builder.Services.AddSingleton<ICloudCommand, GetDiagnosticsCommand>();
        builder.Services.AddSingleton<ICloudCommand, AcknowledgeEmergencyStopCommand>();
        builder.Services.AddSingleton<ICloudCommand, SetEnergyPricesCommand>();
        builder.Services.AddSingleton<CloudCommandDispatcher>();
        builder.Services.AddSingleton<CloudAuthorizeRequests>();
        builder.Services.AddSingleton<CloudAuthorizeClient>();
        builder.Services.AddSingleton<CloudLink>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CloudLink>());
        return builder;
    }
}
