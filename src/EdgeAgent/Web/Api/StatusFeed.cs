using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// The control loop's statuses as an async stream for one listener: the latest first, then one per
/// cycle, a failed one too (not controlling). A slow listener gets the newest status, never a growing queue.
/// </summary>
public static class StatusFeed
{
    public static async IAsyncEnumerable<SiteStatus> FollowAsync(ControlLoop loop, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<SiteStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        void OnCycle(SiteStatus status) => channel.Writer.TryWrite(status);
        loop.StatusChanged += OnCycle;
        try
        {
            if (loop.Latest is { } latest)
            {
                yield return latest;
            }

            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var status))
                {
                    yield return status;
                }
            }
        }
        finally
        {
            loop.StatusChanged -= OnCycle;
        }
    }
}
