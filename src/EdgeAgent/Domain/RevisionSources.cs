namespace ChargeNet.EdgeAgent.Domain;

/// <summary>The values of <see cref="ConfigurationRevision.Source"/>.</summary>
public static class RevisionSources
{
    public const string File = "file";
    public const string Page = "page";
    public const string Api = "api";
    public const string Cloud = "cloud";
    public const string Demo = "demo";
}
