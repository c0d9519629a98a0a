using System.Diagnostics;
using System.Globalization;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Integration.Tests.Modbus;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Benchmarks.Modbus;

/// <summary>
/// What an open RTU bus costs this process, per serial backend: idle between polls, with a read
/// waiting for a device that does not answer, and polling one device every 500 ms. The modbus-serial
/// RTU server runs in its own process on the other side of a socat pty pair, so the CPU measured is
/// the client's alone. Run: <c>dotnet run -c Release --project tests/Benchmarks -- modbus-rtu-cpu [seconds]</c>.
/// </summary>
internal static class SerialCpuBench
{
    private const int BaudRate = 19200;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var window = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"RTU bus CPU on {Environment.ProcessorCount} cores, {BaudRate} baud over a socat pty, {seconds} s per figure, % of one core (this process only)");
        foreach (var backend in new[] { SerialBackend.SystemIOPorts, SerialBackend.LinuxTermios })
        {
            await MeasureAsync(backend, window);
        }

        return 0;
    }

    private static async Task MeasureAsync(SerialBackend backend, TimeSpan window)
    {
        await using var line = await PtyPair.OpenAsync();
        using var server = await NodeServer.StartRtuAsync(line.ServerPath, BaudRate);
        var settings = new SerialLineSettings(line.ClientPath, BaudRate, System.IO.Ports.Parity.None, System.IO.Ports.StopBits.Two);
        await using var client = new ModbusClient(
            ModbusStreamTransport.Serial(new SerialConnector(settings, backend), TimeProvider.System, NullLogger.Instance),
            new ModbusClientOptions { Timeout = window + TimeSpan.FromSeconds(30), Retries = 0 },
            TimeProvider.System,
            NullLogger.Instance);
        for (var i = 0; i < 10; i++)
        {
            await client.ReadHoldingRegistersAsync(1, 0, 40, CancellationToken.None);
        }

        var polls = 0;
        var poll = await CpuShareAsync(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            var until = Stopwatch.StartNew();
            do
            {
                await client.ReadHoldingRegistersAsync(1, 0, 40, CancellationToken.None);
                polls++;
            }
            while (until.Elapsed < window && await timer.WaitForNextTickAsync());
        });

        var idle = await CpuShareAsync(() => Task.Delay(window));

        // Holding register 8002 is answered after 10 s: the read waits the whole window (measured last,
        // so that late reply meets no later request).
        using var stop = new CancellationTokenSource();
        var waiting = client.ReadHoldingRegistersAsync(1, 8002, 1, stop.Token);
        var wait = await CpuShareAsync(() => Task.Delay(window));
        await stop.CancelAsync();
        await Task.WhenAny(waiting);

        Console.WriteLine($"  {backend,-14} open bus, idle: {100 * idle:F2} %   a read waiting, nothing arriving: {100 * wait:F2} %   " +
            $"polling one device every 500 ms ({polls} reads of 40 registers): {100 * poll:F2} %");
    }

    private static async Task<double> CpuShareAsync(Func<Task> during)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await during();
        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore) / wall.Elapsed;
    }
}
