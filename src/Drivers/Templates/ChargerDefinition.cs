using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Templates;

/// <summary>The charger part of a template: connectors, state decoding, the limit, pause/resume, failsafe, keep-alive.</summary>
public sealed record ChargerDefinition
{
    public IReadOnlyList<ConnectorDefinition> Connectors { get; init; } = [new ConnectorDefinition()];

    /// <summary>Raw value of the <c>state</c> register (a number or a string, as text) to connector state.</summary>
    public required IReadOnlyDictionary<string, ConnectorState> States { get; init; }

    /// <summary>The state of a raw value the map does not list: always Unavailable (the validator refuses any other), so an unknown state is never read as an idle connector.</summary>
    public ConnectorState UnknownState { get; init; } = ConnectorState.Unavailable;

    public required CurrentLimitDefinition CurrentLimit { get; init; }

    public RegisterWrite? Pause { get; init; }

    public RegisterWrite? Resume { get; init; }

    /// <summary>Written on every (re)connect: failsafe current, communication timeout.</summary>
    public IReadOnlyList<RegisterWrite> Failsafe { get; init; } = [];

    /// <summary>The current the device falls back to on its own when it has no failsafe register (e.g. set in its installer tool).</summary>
    public double DefaultFailsafeCurrentA { get; init; }

    public KeepAliveDefinition? KeepAlive { get; init; }
}
