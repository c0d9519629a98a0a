using ChargeNet.EdgeAgent.Cloud.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// The MQTT commands the edge answers (docs/mqtt.md, "Commands"): one list, for the daemon's composition and the tests' harness alike,
/// in three parts by what a command needs — the site's configuration, the chargers (the operations), the whole daemon (its log, devices, GPIO).
/// </summary>
public static class CloudCommandSet
{
    /// <summary>The commands that need only the configuration (and the spot prices).</summary>
    public static IReadOnlyList<Type> Site { get; } = [typeof(SetSiteLimitCommand), typeof(GetConfigCommand), typeof(SetConfigCommand), typeof(SetEnergyPricesCommand)];

    /// <summary>The commands on one charger, through the operations the REST charger actions share (src/EdgeAgent/Operations).</summary>
    public static IReadOnlyList<Type> Chargers { get; } =
    [
        typeof(StartSessionCommand), typeof(StopSessionCommand), typeof(SetAvailabilityCommand), typeof(ResetChargerCommand), typeof(UnlockConnectorCommand),
        typeof(ClearCacheCommand), typeof(TriggerMessageCommand), typeof(TransactionStatusCommand), typeof(GetReportCommand),
        typeof(UpdateFirmwareCommand), typeof(UploadLogCommand), typeof(SendLocalListCommand),
    ];

    /// <summary>The commands that need the running daemon's own parts.</summary>
    public static IReadOnlyList<Type> Daemon { get; } = [typeof(GetDiagnosticsCommand), typeof(AcknowledgeEmergencyStopCommand)];

    /// <summary>Registers the commands of <paramref name="parts"/> as <see cref="ICloudCommand"/>s (what they need must be registered too).</summary>
    public static IServiceCollection AddCloudCommands(this IServiceCollection services, params IReadOnlyList<Type>[] parts)
    {
        foreach (var type in parts.SelectMany(p => p))
        {
            services.AddSingleton(typeof(ICloudCommand), type);
        }

        return services;
    }
}
