namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// The answers to the most recent command ids (bounded; oldest forgotten first). A repeat of an id
/// gets the first answer — or waits for it while the first is still running — and is not carried out again.
/// </summary>
public sealed class CommandIdCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, Task<CommandResult>> _answers = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    public CommandIdCache(int capacity) => _capacity = Math.Max(1, capacity);

    /// <summary>The answer to <paramref name="id"/>: the remembered one, or a new run of <paramref name="execute"/>.</summary>
    public Task<CommandResult> GetOrRun(string id, Func<Task<CommandResult>> execute)
    {
        TaskCompletionSource<CommandResult> mine;
        lock (_lock)
        {
            if (_answers.TryGetValue(id, out var known))
            {
                return known;
            }

            mine = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _answers[id] = mine.Task;
            _order.Enqueue(id);
            while (_order.Count > _capacity)
            {
                _answers.Remove(_order.Dequeue());
            }
        }

        _ = RunAsync(execute, mine);
        return mine.Task;
    }

    private static async Task RunAsync(Func<Task<CommandResult>> execute, TaskCompletionSource<CommandResult> answer)
    {
        try
        {
            answer.SetResult(await execute().ConfigureAwait(false));
        }
#pragma warning disable CA1031 // The executor answers every failure itself; this only keeps a bug from leaving waiters hanging.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            answer.SetException(ex);
        }
    }
}
