using BenchmarkDotNet.Running;

// `-- modbus [seconds]` prints the Modbus figures (tests/Benchmarks/Modbus); anything else goes to BenchmarkDotNet.
if (args is ["modbus", .. var rest])
{
    return await ChargeNet.Benchmarks.Modbus.ModbusBench.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
