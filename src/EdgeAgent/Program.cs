using ChargeNet.EdgeAgent.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

// The table of contents of the daemon: its parts and routes are Hosting/AgentComposition.cs, one extension each.
if (args is ["fleet", ..])
{
    return await ChargeNet.EdgeAgent.Cloud.Fleet.FleetCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

var commandLine = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
var (options, exitCode) = StartupGate.Check(
    commandLine, builder.Configuration, Environment.GetEnvironmentVariables(), SystemdHelpers.IsSystemdService(), Console.Out, Console.Error);
if (options is null)
{
    return exitCode;
}

builder.AddAgent(options);
var app = builder.Build();
if (!await app.CheckOptionsAsync(Console.Error))
{
    return AgentStartup.ExitUsage;
}

app.MapAgent();
try
{
    return await app.RunAgentAsync(options, Console.Out, Console.Error);
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    // Logged in full by the host; one line for whoever started the process.
    await Console.Error.WriteLineAsync("chargenet-agent: failed: " + ex.Message);
    return 1;
}
