using System.Collections.Concurrent;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>Runs writers on threads of their own, started together, each for a number of rounds; a hang fails instead of blocking the run.</summary>
internal static class ParallelWriters
{
    /// <summary>Returns what the writers threw (each stops at its first failure).</summary>
    public static IReadOnlyCollection<Exception> Run(int rounds, params IReadOnlyList<Action<int>> writers)
    {
        var failures = new ConcurrentQueue<Exception>();
        using var start = new Barrier(writers.Count);
        var threads = writers.Select(write => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < rounds; i++)
            {
                try
                {
                    write(i);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                    return;
                }
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());

        // Generous: two cores shared with other builds. A deadlock fails here instead of hanging the run.
        foreach (var thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(40)), "a writer thread did not finish within 40 s: deadlock?");
        }

        return failures;
    }
}
