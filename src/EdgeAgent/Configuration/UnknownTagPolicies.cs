namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The values of <see cref="OcppSettings.UnknownTagPolicy"/>.</summary>
public static class UnknownTagPolicies
{
    public const string AcceptAll = "acceptAll";
    public const string KnownOnly = "knownOnly";
}
