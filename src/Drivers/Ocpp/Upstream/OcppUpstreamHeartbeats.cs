namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// Keeps a link alive at the upstream's own heartbeat interval (docs/upstream.md, "Heartbeats"):
/// a Heartbeat whenever nothing went up on the link for that long, as a charge point does
/// ([OCPP 1.6] section 4.6). The charger keeps the edge's interval; its own Heartbeats stay at the edge.
/// </summary>
internal sealed class OcppUpstreamHeartbeats(TimeProvider time)
{
    // Looked at again this often while there is no interval (the upstream holds the boot Pending or Rejected).
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(5);

    private long _lastSentTicks = time.GetUtcNow().UtcTicks;

    /// <summary>A call went up on the link.</summary>
    public void Sent() => Interlocked.Exchange(ref _lastSentTicks, time.GetUtcNow().UtcTicks);

    /// <summary>Sends <paramref name="heartbeat"/> each time the link was idle for <paramref name="interval"/> (null: none yet) until cancelled.</summary>
    public async Task RunAsync(Func<TimeSpan?> interval, Func<CancellationToken, Task> heartbeat, CancellationToken cancellationToken)
    {
        while (true)
        {
            var idle = TimeSpan.FromTicks(time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastSentTicks));
            if (interval() is not { } every)
            {
                await Task.Delay(Check, time, cancellationToken).ConfigureAwait(false);
            }
            else if (idle >= every)
            {
                Sent();
                await heartbeat(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(TimeSpan.FromTicks(Math.Min((every - idle).Ticks, Check.Ticks)), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
