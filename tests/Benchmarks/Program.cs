using BenchmarkDotNet.Running;
using ChargeNet.Benchmarks;

if (args.Length > 0 && args[0] == "simulate")
{
    return SimulateCommand.Run(args[1..], Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(SimulateCommand).Assembly).Run(args);
return 0;
