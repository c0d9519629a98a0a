namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>One start-up option: its command-line name, its environment variable and its configuration key.</summary>
/// <param name="Name">The name after <c>--</c>, e.g. <c>data-dir</c>.</param>
/// <param name="Key">The key in section <c>ChargeNet</c>, e.g. <c>DataDir</c>.</param>
/// <param name="IsFlag">True when the option takes no value.</param>
/// <param name="ValueName">What the value is, for --help.</param>
/// <param name="Help">One line for --help.</param>
public sealed record AgentOption(string Name, string Key, bool IsFlag, string ValueName, string Help)
{
    /// <summary>The environment variable, e.g. <c>CHARGENET_DATA_DIR</c>.</summary>
    public string EnvironmentVariable => "CHARGENET_" + Name.Replace('-', '_').ToUpperInvariant();

    public static IReadOnlyList<AgentOption> All { get; } =
    [
        new("demo", nameof(AgentOptions.Demo), true, "", "run a built-in simulated site: no hardware, nothing to install"),
        new("data-dir", nameof(AgentOptions.DataDir), false, "DIR", "the store and certificates (default /var/lib/chargenet under systemd, ./data otherwise)"),
        new("site-config", nameof(AgentOptions.SiteConfig), false, "FILE", "import this site.json at start (refused whole if invalid)"),
        new("web-urls", nameof(AgentOptions.WebUrls), false, "URLS", "where the web page and REST API listen (default http://0.0.0.0:8080)"),
        new("ocpp-urls", nameof(AgentOptions.OcppUrls), false, "URLS", "where chargers connect over OCPP (default http://0.0.0.0:9000)"),
        new("log-level", nameof(AgentOptions.LogLevel), false, "LEVEL", "trace, debug, information, warning, error or critical (default information)"),
    ];
}
