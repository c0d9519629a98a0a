namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The values of <see cref="AuthorizationSettings.Mode"/>.</summary>
public static class AuthorizationModes
{
    public const string Local = "local";
    public const string Cloud = "cloud";
    public const string Free = "free";

    public static IReadOnlyList<string> All { get; } = [Local, Cloud, Free];
}
