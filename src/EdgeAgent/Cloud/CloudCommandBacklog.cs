using System.Threading.Channels;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Commands wait here to be carried out by a few workers, apart from MQTT's receive loop (a slow
/// charger must not hold up the next command). Bounded: a flood of commands from the broker cannot
/// grow memory or tasks without end; one that finds the queue full is answered as refused.
/// </summary>
public sealed class CloudCommandBacklog
{
    private readonly Channel<Func<CancellationToken, Task>> _waiting;
    private readonly int _workers;

    public CloudCommandBacklog(int capacity, int workers)
    {
        Capacity = Math.Max(1, capacity);
        _workers = Math.Max(1, workers);
        _waiting = Channel.CreateBounded<Func<CancellationToken, Task>>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once; nothing waits.
            SingleWriter = false,
            SingleReader = false,
        });
    }

    public int Capacity { get; }

    /// <summary>False when the queue is full: the caller answers the command as refused.</summary>
    public bool TryEnqueue(Func<CancellationToken, Task> work) => _waiting.Writer.TryWrite(work);

    /// <summary>Runs the workers until <paramref name="stoppingToken"/>; each work item handles its own failures.</summary>
    public Task RunAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in _waiting.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await work(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what still waits is not run; the cloud repeats the id if it wants.
        }
    }
}
