using ChargeNet.Drivers.Ocpp;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Hosting;
using ChargeNet.EdgeAgent.Web;
using Microsoft.Extensions.Hosting.Systemd;

// The table of contents of the daemon. Each part has one extension; see Hosting/EdgeAgentServices.cs.
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

builder.AddAgentHost(options)
    .AddSiteStore(options)
    .AddDevices()
    .AddOcppServer(options)
    .AddControlLoop()
    .AddDemoSite(options)
    .AddEdgeWeb()
    .AddCloudSync();

var app = builder.Build();
app.MapEdgeApi();
app.MapOcpp();
app.MapOcppFiles(app.Services.GetRequiredService<ChargeNet.Drivers.Ocpp.Files.OcppFileOptions>());
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
