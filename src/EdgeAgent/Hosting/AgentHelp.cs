using System.Reflection;
using System.Text;

namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>The text of --help and --version.</summary>
public static class AgentHelp
{
    public static string Version =>
        typeof(AgentHelp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(AgentHelp).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    public static string Text()
    {
        var text = new StringBuilder();
        text.AppendLine("chargenet-agent — ChargeNet Edge, the site controller for EV charging");
        text.AppendLine();
        text.AppendLine("Usage: chargenet-agent [options]");
        text.AppendLine();
        text.AppendLine("Options (each also settable as CHARGENET_<NAME> and in appsettings.json, section ChargeNet):");
        foreach (var option in AgentOption.All)
        {
            var name = option.IsFlag ? "--" + option.Name : $"--{option.Name} {option.ValueName}";
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {name,-22} {option.Help}");
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {string.Empty,-22} env {option.EnvironmentVariable}");
        }

        text.AppendLine("  --health-check URL     GET the URL once; exit 0 when it answers 2xx (container health checks)");
        text.AppendLine("  --version              print the version and exit");
        text.AppendLine("  --help                 print this help and exit");
        text.AppendLine();
        text.AppendLine("Exit codes: 0 stopped normally, 1 failed while running, 2 bad option or invalid site configuration.");
        return text.ToString();
    }
}
