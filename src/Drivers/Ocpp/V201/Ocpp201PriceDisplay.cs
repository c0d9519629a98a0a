using System.Collections.Concurrent;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// Keeps the price on the display of each idle 2.0.1 station that shows tariffs (TariffCostCtrlr, instance Tariff) and display
/// messages (DisplayMessageCtrlr) available and enabled in its base report: a SetDisplayMessage (<see cref="Ocpp201PriceMessage"/>)
/// when the station has booted and whenever the price the cost port gives changes — its text (the tariff edited, a new spot
/// price) or its end (a period boundary passed, new spot prices) — looked at every <see cref="Tick"/> (docs/ocpp.md, "The price on
/// an idle 2.0.1 station"). A station that refuses the message (any status but Accepted, or it cannot show NormalCycle or a text
/// format) gets one event per refusal and no retry until the price changes or it connects again; one that does not answer is tried
/// again after <see cref="RetryAfterFailure"/>. A site without pricing sends nothing.
/// </summary>
public sealed partial class Ocpp201PriceDisplay(OcppServer server, IOcppCostSource costs, IOcppEventSink events, TimeProvider time, ILogger<Ocpp201PriceDisplay> logger)
    : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);

    // What each station was last sent (or why not), on which connection; only the loop writes it, one task per station.
    private readonly ConcurrentDictionary<string, Attempt> _last = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = time.GetUtcNow();
                // Each station on its own: a slow one delays nobody's price.
                await Task.WhenAll(server.ChargePoints
                    .Where(c => c.IsConnected && c.BootState == OcppBootState.Accepted)
                    .Select(c => (c, c.Control as Ocpp201ChargePointControl))
                    .Where(s => s.Item2 is not null)
                    .Select(s => RefreshAsync(s.c, s.Item2!, now, stoppingToken))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshAsync(OcppChargePoint chargePoint, Ocpp201ChargePointControl control, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (control.Model is not { Tariff: true, DisplayMessages.Usable: true } model || costs.PriceShown(chargePoint.Id, now) is not { } price)
        {
            return;
        }

        var last = _last.GetValueOrDefault(chargePoint.Id);
        var same = last is not null && last.Incarnation == chargePoint.Incarnation && last.Price == price;
        if (same && (last!.Status is not null || now - last.At < RetryAfterFailure))
        {
            return; // shown, refused (told once), or failed a moment ago
        }

        var (request, unsupported) = Ocpp201PriceMessage.Build(model.DisplayMessages, price, now);
        string status;
        string why;
        if (request is null)
        {
            (status, why) = ("Unsupported", unsupported!);
        }
        else
        {
            try
            {
                status = await control.SetDisplayMessageAsync(request, cancellationToken).ConfigureAwait(false);
                why = $"it answered {status}";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _last[chargePoint.Id] = new(chargePoint.Incarnation, price, null, now);
                LogFailed(e, chargePoint.Id);
                return;
            }
        }

        _last[chargePoint.Id] = new(chargePoint.Incarnation, price, status, now);
        if (status != "Accepted" && (last?.Status != status || last.Incarnation != chargePoint.Incarnation))
        {
            await events.PublishAsync(new OcppEvent(now, "warning", chargePoint.Id, "ocpp.price-display-refused",
                $"the price for its idle display (SetDisplayMessage id {Ocpp201PriceMessage.Id}) was not shown: {why}; sent again when the price changes"), cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record Attempt(long Incarnation, OcppShownPrice Price, string? Status, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The price display of station {ChargePointId} could not be set; tried again in 5 minutes")]
    private partial void LogFailed(Exception exception, string chargePointId);
}
