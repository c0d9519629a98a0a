namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>
/// The daemon's start-up options (section <c>ChargeNet</c>): from appsettings.json, then
/// <c>CHARGENET_*</c> environment variables, then the command line, each overriding the one before.
/// </summary>
public sealed class AgentOptions
{
    public const string Section = "ChargeNet";

    /// <summary>Run the built-in simulated site.</summary>
    public bool Demo { get; set; }

    /// <summary>Where the store and certificates live.</summary>
    public string DataDir { get; set; } = "";

    /// <summary>A site.json to import at start, or null.</summary>
    public string? SiteConfig { get; set; }

    public string WebUrls { get; set; } = "http://0.0.0.0:8080";

    public string OcppUrls { get; set; } = "http://0.0.0.0:9000";

    public string LogLevel { get; set; } = "Information";
}
