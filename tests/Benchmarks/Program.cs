using BenchmarkDotNet.Running;
using ChargeNet.Benchmarks;

// `-- simulate …` replays charging sessions through the strategies (tests/Benchmarks/Simulation);
// `-- modbus [seconds]` prints the Modbus figures (tests/Benchmarks/Modbus);
// `-- cloud-drain [messages] [connectors]` prints the MQTT outbox drain rate and telemetry CPU (tests/Benchmarks/Cloud);
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "simulate")
{
    return SimulateCommand.Run(args[1..], Console.Out);
}

if (args is ["modbus", .. var rest])
{
    return await ChargeNet.Benchmarks.Modbus.ModbusBench.RunAsync(rest);
}

if (args is ["cloud-drain", .. var cloud])
{
    return await ChargeNet.Benchmarks.Cloud.CloudBench.RunAsync(cloud);
}

BenchmarkSwitcher.FromAssembly(typeof(SimulateCommand).Assembly).Run(args);
return 0;
