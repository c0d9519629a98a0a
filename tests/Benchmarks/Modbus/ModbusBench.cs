using ChargeNet.Integration.Tests.Modbus;
using System.Diagnostics;
using System.Globalization;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Benchmarks.Modbus;

/// <summary>
/// The Modbus figures of the issue, printed: register-block reads per second over one TCP connection
/// and over one RTU bus (socat pty, line speed emulated at 19200 and 115200 baud), and the CPU cost
/// of polling 50 meters every 500 ms. Run: <c>dotnet run -c Release --project tests/Benchmarks -- modbus</c>.
/// </summary>
internal static class ModbusBench
{
    private const int BlockRegisters = 40;
    private static readonly TimeSpan ReadPhase = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var loadSeconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        Console.WriteLine($"Modbus bench on {Environment.ProcessorCount} cores, {RuntimeInformationText()}");
        Console.WriteLine($"block = FC03 read of {BlockRegisters} registers, sequential, one link");

        await TcpReadsAsync();
        foreach (var baud in new[] { 19200, 115200 })
        {
            await RtuReadsAsync(baud, emulateLineSpeed: true);
        }

        await RtuReadsAsync(115200, emulateLineSpeed: false);
        await PollingLoad.RunAsync(devices: 50, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(loadSeconds));
        return 0;
    }

    private static async Task TcpReadsAsync()
    {
        await using var server = new ModbusTcpServer(NullLogger.Instance);
        server.AddUnit(1, Device());
        server.Start();
        await using var client = ModbusClient.Tcp("127.0.0.1", server.Port, TimeProvider.System, NullLogger.Instance);
        var (reads, cpu, wall) = await MeasureAsync(client);
        Report("TCP, in-process server (both sides in this process)", reads, cpu, wall);
    }

    private static async Task RtuReadsAsync(int baudRate, bool emulateLineSpeed)
    {
        await using var line = await PtyPair.OpenAsync();
        await using var server = new ModbusRtuServer(line.ServerPath, baudRate, NullLogger.Instance) { EmulateLineSpeed = emulateLineSpeed };
        server.AddUnit(1, Device());
        server.Start();
        await using var client = new ModbusClient(
            ModbusStreamTransport.Serial(new SerialConnector(line.ClientPath, baudRate, System.IO.Ports.Parity.None, System.IO.Ports.StopBits.Two), TimeProvider.System, NullLogger.Instance),
            ModbusClientOptions.Default,
            TimeProvider.System,
            NullLogger.Instance);
        var (reads, cpu, wall) = await MeasureAsync(client);
        var frameBytes = 8 + 5 + (2 * BlockRegisters);
        var lineLimit = 1 / ((RtuTiming.TransmissionTime(frameBytes, baudRate) + (2 * RtuTiming.SilentInterval(baudRate))).TotalSeconds);
        var what = emulateLineSpeed ? $"RTU {baudRate} baud over a pty, line time emulated" : "RTU over a pty, no line time (pty speed)";
        Report(what, reads, cpu, wall);
        if (emulateLineSpeed)
        {
            Console.WriteLine($"    (the wire itself allows at most {lineLimit:F1} such reads/s at {baudRate} baud)");
        }
    }

    private static async Task<(int Reads, TimeSpan Cpu, TimeSpan Wall)> MeasureAsync(ModbusClient client)
    {
        for (var i = 0; i < 20; i++)
        {
            await client.ReadHoldingRegistersAsync(1, 0, BlockRegisters, CancellationToken.None);
        }

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var reads = 0;
        while (wall.Elapsed < ReadPhase)
        {
            await client.ReadHoldingRegistersAsync(1, 0, BlockRegisters, CancellationToken.None);
            reads++;
        }

        wall.Stop();
        process.Refresh();
        return (reads, process.TotalProcessorTime - cpuBefore, wall.Elapsed);
    }

    private static void Report(string what, int reads, TimeSpan cpu, TimeSpan wall) =>
        Console.WriteLine($"  {what}: {reads / wall.TotalSeconds:F0} reads/s, {cpu.TotalMicroseconds / reads:F0} µs CPU per read (client and server)");

    private static SimulatedRegisterMap Device()
    {
        var map = new SimulatedRegisterMap();
        map.Define(RegisterFunction.Holding, 0, 125);
        return map;
    }

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
}
