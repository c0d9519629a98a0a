using System.Collections;
using Microsoft.Extensions.Configuration;

namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>Layers the start-up options: appsettings.json, then CHARGENET_* variables, then the command line.</summary>
public static class AgentConfiguration
{
    /// <summary>The CHARGENET_* environment variables as configuration keys.</summary>
    public static Dictionary<string, string?> FromEnvironment(IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in AgentOption.All)
        {
            if (environment[option.EnvironmentVariable] is string value && value.Length > 0)
            {
                values[AgentOptions.Section + ":" + option.Key] = value;
            }
        }

        return values;
    }

    /// <summary>Adds the environment and command-line layers on top of what <paramref name="configuration"/> already has.</summary>
    public static void AddAgentLayers(this IConfigurationBuilder configuration, CommandLine commandLine, IDictionary environment)
    {
        configuration.AddInMemoryCollection(FromEnvironment(environment));
        configuration.AddInMemoryCollection(commandLine.Values);
    }

    /// <summary>Binds the options, filling in the data directory's default.</summary>
    public static AgentOptions Bind(IConfiguration configuration, bool underSystemd)
    {
        var options = new AgentOptions();
        configuration.GetSection(AgentOptions.Section).Bind(options);
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            options.DataDir = DataDirectoryDefaults.Resolve(Environment.GetEnvironmentVariable, underSystemd);
        }

        return options;
    }
}
