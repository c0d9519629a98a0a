using System.Diagnostics;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Meters;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Benchmarks.Modbus;

/// <summary>
/// The target: N meters (SDM630 template, 3 block reads per poll), each on its own TCP
/// connection, polled every period by <see cref="DevicePoller{T}"/>, served by the modbus-serial peer in
/// its own process so that this process's CPU time is the client's alone.
/// </summary>
internal static class PollingLoad
{
    public static async Task RunAsync(int devices, TimeSpan period, TimeSpan duration)
    {
        var (node, port) = await NodeServer.StartAsync();
        using (node)
        {
            var catalog = DeviceTemplateCatalog.LoadBuiltIn(NullLogger.Instance);
            var options = new ModbusDeviceOptions { PollPeriod = period, FrozenAfter = TimeSpan.FromDays(1) };
            var meters = Enumerable.Range(1, devices)
                .Select(i => ModbusMeter.Create($"m{i}", catalog.Get("eastron-sdm630"), "127.0.0.1", port, (byte)i, TimeProvider.System, NullLogger.Instance, options))
                .ToList();
            var polls = 0;
            var pollers = meters.Select(m => m.CreatePoller()).ToList();
            foreach (var poller in pollers)
            {
                poller.Updated += (_, _) => Interlocked.Increment(ref polls);
            }

            using var warmup = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await Task.WhenAll(pollers.Select(p => p.RunAsync(warmup.Token)));

            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var pollsBefore = Volatile.Read(ref polls);
            var wall = Stopwatch.StartNew();
            using var run = new CancellationTokenSource(duration);
            await Task.WhenAll(pollers.Select(p => p.RunAsync(run.Token)));
            wall.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var done = Volatile.Read(ref polls) - pollsBefore;
            var expected = devices * (duration / period);
            var lost = meters.Count(m => m.Health.Connection != DeviceConnection.Connected);

            Console.WriteLine($"  Polling {devices} meters every {period.TotalMilliseconds:F0} ms for {wall.Elapsed.TotalSeconds:F0} s: " +
                $"{done} good polls of {expected:F0} due, {cpu.TotalMilliseconds / done * 1000:F0} µs CPU per poll (3 block reads), " +
                $"{100 * cpu / wall.Elapsed:F2} % of one core; devices not connected at the end: {lost}");
            foreach (var meter in meters)
            {
                await meter.DisposeAsync();
            }
        }
    }
}
