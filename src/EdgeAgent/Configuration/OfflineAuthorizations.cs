namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The values of <see cref="AuthorizationSettings.Offline"/>.</summary>
public static class OfflineAuthorizations
{
    public const string LocalList = "local-list";
    public const string Accept = "accept";
    public const string Reject = "reject";

    public static IReadOnlyList<string> All { get; } = [LocalList, Accept, Reject];
}
