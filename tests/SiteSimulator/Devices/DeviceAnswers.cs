namespace ChargeNet.SiteSimulator;

/// <summary>
/// Device answers that come later on the fake clock. Each is completed by <see cref="RunDue"/> on the
/// simulator's own thread, so the loop's continuations run in a fixed order and every run with the
/// same seed is the same run. An answer whose caller gives up (cancels) first is never given.
/// </summary>
public sealed class DeviceAnswers
{
    private readonly PriorityQueue<Action, (DateTimeOffset Due, long Seq)> _due = new();
    private long _seq;

    /// <summary>Answers <paramref name="answer"/>() at <paramref name="due"/>; null as the due time means never (until cancelled).</summary>
    public Task<T> Later<T>(DateTimeOffset? due, Func<T> answer, CancellationToken cancellationToken, Action? onCancelled = null)
    {
        var completion = new TaskCompletionSource<T>();
        var registration = cancellationToken.Register(() =>
        {
            if (completion.TrySetCanceled(cancellationToken))
            {
                onCancelled?.Invoke();
            }
        });
        if (due is { } at)
        {
            _due.Enqueue(
                () =>
                {
                    registration.Dispose();
                    if (!completion.Task.IsCompleted)
                    {
                        completion.TrySetResult(answer());
                    }
                },
                (at, _seq++));
        }

        return completion.Task;
    }

    /// <summary>Gives every answer due by <paramref name="now"/>.</summary>
    public void RunDue(DateTimeOffset now)
    {
        while (_due.TryPeek(out _, out var key) && key.Due <= now)
        {
            _due.Dequeue()();
        }
    }
}
