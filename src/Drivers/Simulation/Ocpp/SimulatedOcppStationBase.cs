using System.Net.WebSockets;
using System.Text;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.Transport;
using ChargeNet.Drivers.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>
/// What every simulated OCPP charger does the same whatever version it speaks: connect over a real WebSocket (with
/// HTTP Basic when it has a password), boot, look at its outlets every tick, connect again when the connection
/// is lost, and close it with 1001 (going away) when stopped. The version's messages are the subclass's.
/// </summary>
public abstract class SimulatedOcppStationBase(SimulatedOcppChargePointOptions options, OcppSchemaValidator validator, TimeProvider time, ILogger logger)
{
    protected SimulatedOcppChargePointOptions Options { get; } = options;

    protected TimeProvider Time { get; } = time;

    /// <summary>The live connection, null between connections.</summary>
    protected OcppRpcConnection? Connection { get; private set; }

    public bool IsConnected => Connection is not null;

    /// <summary>The WebSocket subprotocol it offers.</summary>
    protected abstract string SubProtocol { get; }

    /// <summary>How it answers the central system's calls on a new connection.</summary>
    protected abstract IOcppCallHandler CreateHandler();

    /// <summary>BootNotification until Accepted.</summary>
    protected abstract Task BootAsync(OcppRpcConnection connection, CancellationToken cancellationToken);

    /// <summary>One look at the outlets: transactions, status changes, meter values, heartbeat.</summary>
    protected abstract Task TickAsync(OcppRpcConnection connection, CancellationToken cancellationToken);

    /// <summary>Connects, runs, and reconnects until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OcppRpcException or IOException or HttpRequestException)
            {
                OcppSimulationLog.ConnectionEnded(logger, Options.ChargePointId, e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(Options.ReconnectDelay, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunConnectionAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(SubProtocol);
        if (Options.Password is { } password)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Options.ChargePointId}:{password}"));
            socket.Options.SetRequestHeader("Authorization", "Basic " + credentials);
        }

        var url = new Uri(Options.CentralSystemUrl.ToString().TrimEnd('/') + "/" + Uri.EscapeDataString(Options.ChargePointId));
        await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        var connection = new OcppRpcConnection(new WebSocketOcppTransport(socket, 64 * 1024, Options.ChargePointId), CreateHandler(), validator, new OcppRpcOptions(), Time, logger);
        await using (connection.ConfigureAwait(false))
        {
            // Not linked to cancellationToken: a WebSocket receive cancelled by its token aborts the socket, which would race the
            // 1001 close below and drop the socket after all. The reading stops once the close is done.
            using var stop = new CancellationTokenSource();
            var running = connection.RunAsync(stop.Token);
            Connection = connection;
            try
            {
                await BootAsync(connection, cancellationToken).ConfigureAwait(false);
                using var timer = new PeriodicTimer(Options.TickInterval, Time);
                while (!connection.Closed.IsCompleted && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    await TickAsync(connection, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                Connection = null;
                if (cancellationToken.IsCancellationRequested)
                {
                    // Switched off, it says so (1001 going away) rather than dropping its socket: the central system sees a clean close.
                    await connection.CloseAsync((int)WebSocketCloseStatus.EndpointUnavailable, "going away", CancellationToken.None).ConfigureAwait(false);
                }

                await stop.CancelAsync().ConfigureAwait(false);
                await running.ConfigureAwait(false);
            }
        }
    }
}
