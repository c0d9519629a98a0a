#:sdk Microsoft.NET.Sdk.Web
#:project ../../../src/Drivers/Drivers.csproj
#:property PublishAot=false
#:property ServerGarbageCollection=false

// The OCPP central system alone on Kestrel, for bench.sh: admits BENCH-0000 … BENCH-{n-1}
// (in-memory ports), prints "READY {port}" and runs until its standard input closes.
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Ports;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var chargers = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var registry = new InMemoryOcppChargerRegistry();
for (var i = 0; i < chargers; i++)
{
    registry.Add($"BENCH-{i:0000}");
}

builder.Services.AddSingleton<IOcppChargerRegistry>(registry);
builder.Services.AddSingleton<IOcppTransactionStore>(new InMemoryOcppTransactionStore());
builder.Services.AddSingleton<IOcppAuthorizer>(new InMemoryOcppAuthorizer(OcppUnknownTagPolicy.AcceptAll));
builder.Services.AddSingleton<IOcppEventSink>(new InMemoryOcppEventSink());
builder.Services.AddOcppCentralSystem();
var app = builder.Build();
app.MapOcpp();
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine("READY " + new Uri(address).Port);
await Console.In.ReadToEndAsync();
await app.StopAsync();
