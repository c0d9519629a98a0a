using ChargeNet.EdgeAgent.Domain;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>The sessions a cycle saw, kept beside the control of the site, never in its way.</summary>
public sealed partial class ControlLoop
{
    private bool _sessionBookkeepingFails;

    // Sessions are bookkeeping: a store that cannot keep them (a full disk, a card remounted read-only) must not fail the cycle,
    // which would send every charger its failsafe and stop the watchdog's pings (issue 13 property 7). Said once when it starts
    // failing and once when it works again; a session's changes are seen again at the next cycle that can store them.
    private async Task TrackSessionsAsync(SiteModel model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await _sessions.TrackAsync(model, now, cancellationToken).ConfigureAwait(false);
            if (_sessionBookkeepingFails)
            {
                _sessionBookkeepingFails = false;
                LogSessionBookkeepingBack();
            }
        }
#pragma warning disable CA1031 // Any failure of the bookkeeping leaves the control as it is.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            if (!_sessionBookkeepingFails)
            {
                _sessionBookkeepingFails = true;
                LogSessionBookkeepingFails(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The sessions could not be kept in the store; the control of the site goes on, and they are kept again once the store takes them")]
    private partial void LogSessionBookkeepingFails(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The sessions are kept in the store again")]
    private partial void LogSessionBookkeepingBack();
}
