namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>Who may charge: the authorization list, the cloud, or everyone (docs/configuration.md).</summary>
public sealed record AuthorizationSettings
{
    /// <summary>One of <see cref="AuthorizationModes"/>.</summary>
    public string Mode { get; init; } = AuthorizationModes.Local;

    /// <summary>How long an idTag waits for the cloud's answer before the offline rule decides.</summary>
    public double CloudTimeoutS { get; init; } = 5;

    /// <summary>One of <see cref="OfflineAuthorizations"/>: what cloud mode does without an answer.</summary>
    public string Offline { get; init; } = OfflineAuthorizations.LocalList;
}
