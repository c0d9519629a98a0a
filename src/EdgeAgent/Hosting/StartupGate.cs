using System.Collections;
using Microsoft.Extensions.Configuration;

namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>
/// What is decided before the host is built: --help, --version, and refusing bad options with
/// exit code 2 and one line each that names the option and why.
/// </summary>
public static class StartupGate
{
    /// <summary>Returns the options to run with, or an exit code when the process should stop here.</summary>
    public static (AgentOptions? Options, int ExitCode) Check(
        CommandLine commandLine,
        IConfiguration baseConfiguration,
        IDictionary environment,
        bool underSystemd,
        TextWriter output,
        TextWriter error)
    {
        if (commandLine.Error is { } bad)
        {
            error.WriteLine("chargenet-agent: " + bad);
            return (null, AgentStartup.ExitUsage);
        }

        if (commandLine.ShowHelp)
        {
            output.Write(AgentHelp.Text());
            return (null, AgentStartup.ExitOk);
        }

        if (commandLine.ShowVersion)
        {
            output.WriteLine("chargenet-agent " + AgentHelp.Version);
            return (null, AgentStartup.ExitOk);
        }

        if (commandLine.HealthCheckUrl is { } url)
        {
            return (null, HealthProbe.Run(url, output, error));
        }

        var layered = new ConfigurationBuilder().AddConfiguration(baseConfiguration);
        layered.AddAgentLayers(commandLine, environment);
        AgentOptions options;
        try
        {
            options = AgentConfiguration.Bind(layered.Build(), underSystemd);
        }
        catch (InvalidOperationException ex)
        {
            // Binding fails on a value of the wrong type, e.g. CHARGENET_DEMO=maybe. The binder names
            // only the configuration key ('ChargeNet:Demo'); name the option as the user set it.
            var option = AgentOption.All.FirstOrDefault(o =>
                ex.Message.Contains($"'{AgentOptions.Section}:{o.Key}'", StringComparison.OrdinalIgnoreCase));
            var name = option is null ? "" : $"--{option.Name} ({option.EnvironmentVariable}): ";
            error.WriteLine("chargenet-agent: " + name + (ex.InnerException?.Message ?? ex.Message));
            return (null, AgentStartup.ExitUsage);
        }

        var validation = new AgentOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            foreach (var failure in validation.Failures)
            {
                error.WriteLine("chargenet-agent: " + failure);
            }

            return (null, AgentStartup.ExitUsage);
        }

        return (options, AgentStartup.ExitOk);
    }
}
