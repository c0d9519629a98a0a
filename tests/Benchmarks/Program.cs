using BenchmarkDotNet.Running;
using ChargeNet.Benchmarks;

// `-- simulate …` replays charging sessions through the strategies (tests/Benchmarks/Simulation);
// `-- modbus [seconds]` prints the Modbus figures (tests/Benchmarks/Modbus);
// `-- loop [seconds]` prints the control loop's latency and CPU (tests/Benchmarks/LoopLatency);
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "simulate")
{
    return SimulateCommand.Run(args[1..], Console.Out);
}

if (args is ["modbus", .. var rest])
{
    return await ChargeNet.Benchmarks.Modbus.ModbusBench.RunAsync(rest);
}

if (args is ["loop", .. var loopArgs])
{
    return await ChargeNet.Benchmarks.LoopLatency.LoopBench.RunAsync(loopArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(SimulateCommand).Assembly).Run(args);
return 0;
