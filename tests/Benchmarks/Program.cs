using BenchmarkDotNet.Running;
using ChargeNet.Benchmarks;

// `-- simulate …` replays charging sessions through the strategies (tests/Benchmarks/Simulation), with
// `--power-tariff FILE` the peak benchmark (PeakBenchmark.cs, docs/load-balancing.md "The peak benchmark");
// `-- allocate [calls]` times the allocator in a loop (tests/Benchmarks/Allocation);
// `-- modbus [seconds]` prints the Modbus figures, `-- modbus-rtu-cpu [seconds]` what an open RTU bus costs
// per serial backend (tests/Benchmarks/Modbus);
// `-- loop [seconds]` prints the control loop's latency and CPU (tests/Benchmarks/LoopLatency);
// `-- cloud-drain [messages] [connectors]` prints the MQTT outbox drain rate and telemetry CPU (tests/Benchmarks/Cloud);
// `-- sessions [transactions] [meterValues]` prints the OCPP session calls' latency through the session producer (tests/Benchmarks/Sessions);
// `-- site [--minutes M] [--seed S] [--sizes …] [--dead-times …]` prints the control loop's figures on the closed-loop site simulator (tests/Benchmarks/Site);
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "simulate")
{
    return SimulateCommand.Run(args[1..], Console.Out);
}

if (args is ["allocate", .. var allocateArgs])
{
    return AllocationLoop.Run(allocateArgs, Console.Out);
}

if (args is ["modbus-rtu-cpu", .. var cpuArgs])
{
    return await ChargeNet.Benchmarks.Modbus.SerialCpuBench.RunAsync(cpuArgs);
}

if (args is ["modbus", .. var rest])
{
    return await ChargeNet.Benchmarks.Modbus.ModbusBench.RunAsync(rest);
}

if (args is ["loop", .. var loopArgs])
{
    return await ChargeNet.Benchmarks.LoopLatency.LoopBench.RunAsync(loopArgs);
}

if (args is ["site", .. var siteArgs])
{
    return await ChargeNet.Benchmarks.Site.SiteBench.RunAsync(siteArgs);
}

if (args is ["sessions", .. var sessionArgs])
{
    return await ChargeNet.Benchmarks.Sessions.SessionBench.RunAsync(sessionArgs);
}

if (args is ["cloud-drain", .. var cloud])
{
    return await ChargeNet.Benchmarks.Cloud.CloudBench.RunAsync(cloud);
}

BenchmarkSwitcher.FromAssembly(typeof(SimulateCommand).Assembly).Run(args);
return 0;
