using System.Collections.Concurrent;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>Runs writers on threads of their own, started together, each for a number of rounds; a hang fails instead of blocking the run.</summary>
internal static class ParallelWriters
{
    /// <summary>
    /// How long the writers may go without one of them finishing a write before the run counts as a
    /// deadlock. A deadlock stops every write; a busy machine only slows them, so the test judges
    /// progress, not the total time (which under a load of 28 on two cores once passed a fixed 40 s).
    /// </summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    /// <summary>Returns what the writers threw (each stops at its first failure).</summary>
    public static IReadOnlyCollection<Exception> Run(int rounds, params IReadOnlyList<Action<int>> writers)
    {
        var failures = new ConcurrentQueue<Exception>();
        long writes = 0;
        using var start = new Barrier(writers.Count);
        var threads = writers.Select(write => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < rounds; i++)
            {
                try
                {
                    write(i);
                    Interlocked.Increment(ref writes);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                    return;
                }
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());

        var seen = -1L;
        foreach (var thread in threads)
        {
            while (!thread.Join(StallLimit))
            {
                var now = Interlocked.Read(ref writes);
                Assert.True(now != seen, $"no writer finished a write in {StallLimit.TotalSeconds:0} s ({now} writes done): deadlock?");
                seen = now;
            }
        }

        return failures;
    }
}
