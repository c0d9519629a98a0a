using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.Transport;
using ChargeNet.Drivers.Ocpp.V16;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;
using ChargeNet.Drivers.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>
/// A simulated OCPP 1.6J charge point with one connector per <see cref="ISimulatedOutlet"/>. It
/// connects over a real WebSocket, boots, reports status changes and meter values from its
/// outlets, starts a transaction when a car (idTag) arrives and stops it when the car leaves, and
/// offers each car what the installed charging profiles allow. It reconnects when the connection is lost.
/// </summary>
public sealed class SimulatedOcppChargePoint
{
    private readonly SimulatedOcppChargePointOptions _options;
    private readonly OcppSchemaValidator _validator;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<SimulatedOcppConnector> _connectors;
    private OcppRpcConnection? _connection;
    private DateTimeOffset _nextHeartbeat;
    private DateTimeOffset _nextMeterValues;

    public SimulatedOcppChargePoint(SimulatedOcppChargePointOptions options, IReadOnlyList<ISimulatedOutlet> outlets, OcppSchemaValidator validator, TimeProvider time, ILogger logger)
    {
        _options = options;
        _validator = validator;
        _time = time;
        _logger = logger;
        _connectors = [.. outlets.Select((outlet, i) => new SimulatedOcppConnector(i + 1, outlet))];
        Configuration = new SimulatedOcppConfiguration(outlets.Count);
    }

    /// <summary>The profiles the central system installed.</summary>
    public OcppChargingProfileSet Profiles { get; } = new();

    public SimulatedOcppConfiguration Configuration { get; }

    /// <summary>The central system's answer to the last BootNotification.</summary>
    public RegistrationStatus? BootStatus { get; private set; }

    public bool IsConnected => _connection is not null;

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
                OcppSimulationLog.ConnectionEnded(_logger, _options.ChargePointId, e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(_options.ReconnectDelay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunConnectionAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(OcppSubProtocol.V16);
        if (_options.Password is { } password)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.ChargePointId}:{password}"));
            socket.Options.SetRequestHeader("Authorization", "Basic " + credentials);
        }

        var url = new Uri(_options.CentralSystemUrl.ToString().TrimEnd('/') + "/" + Uri.EscapeDataString(_options.ChargePointId));
        await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        var handler = new SimulatedOcppCallHandler(_connectors, Profiles, Configuration, SendTriggeredAsync, _options, _time);
        var connection = new OcppRpcConnection(new WebSocketOcppTransport(socket, 64 * 1024, _options.ChargePointId), handler, _validator, new OcppRpcOptions(), _time, _logger);
        await using (connection.ConfigureAwait(false))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var running = connection.RunAsync(stop.Token);
            _connection = connection;
            try
            {
                await BootAsync(connection, cancellationToken).ConfigureAwait(false);
                using var timer = new PeriodicTimer(_options.TickInterval, _time);
                while (!connection.Closed.IsCompleted && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    await TickAsync(connection, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _connection = null;
                await stop.CancelAsync().ConfigureAwait(false);
                await running.ConfigureAwait(false);
            }
        }
    }

    private async Task BootAsync(OcppRpcConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            var answer = await CallAsync<BootNotificationRequest, BootNotificationResponse>(
                connection, OcppAction.BootNotification, new BootNotificationRequest(_options.Vendor, _options.Model, FirmwareVersion: "sim-1.0"), cancellationToken).ConfigureAwait(false);
            BootStatus = answer.Status;
            if (answer.Status == RegistrationStatus.Accepted)
            {
                if (answer.Interval > 0)
                {
                    Configuration.SetHeartbeatInterval(answer.Interval);
                }

                foreach (var connector in _connectors)
                {
                    connector.ReportedStatus = null;
                }

                _nextHeartbeat = _time.GetUtcNow() + Configuration.HeartbeatInterval;
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Max(answer.Interval, 1)), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TickAsync(OcppRpcConnection connection, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var connector in _connectors)
        {
            var outlet = connector.Outlet;
            outlet.OfferedA = Math.Min(_options.MaxCurrentA, Profiles.LimitAtA(connector.ConnectorId, now, connector.TransactionId, connector.TransactionStart) ?? _options.MaxCurrentA);
            if (outlet.IdTag is { } idTag && connector.TransactionId is null && outlet.State != ConnectorState.Available)
            {
                var start = await CallAsync<StartTransactionRequest, StartTransactionResponse>(
                    connection, OcppAction.StartTransaction, new StartTransactionRequest(connector.ConnectorId, idTag, (int)outlet.EnergyWh, now), cancellationToken).ConfigureAwait(false);
                (connector.TransactionId, connector.TransactionStart, connector.TransactionIdTag) = (start.TransactionId, now, idTag);
            }
            else if (outlet.IdTag is null && connector.TransactionId is { } transactionId)
            {
                await CallAsync<StopTransactionRequest, StopTransactionResponse>(
                    connection, OcppAction.StopTransaction, new StopTransactionRequest((int)outlet.EnergyWh, now, transactionId, connector.TransactionIdTag, "EVDisconnected"), cancellationToken).ConfigureAwait(false);
                Profiles.EndTransaction(transactionId);
                (connector.TransactionId, connector.TransactionStart, connector.TransactionIdTag) = (null, null, null);
            }

            var status = ToChargePointStatus(outlet.State);
            if (status != connector.ReportedStatus)
            {
                await SendStatusAsync(connection, connector, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (now >= _nextMeterValues)
        {
            _nextMeterValues = now + Configuration.MeterValueSampleInterval;
            foreach (var connector in _connectors)
            {
                await SendMeterValuesAsync(connection, connector, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (now >= _nextHeartbeat)
        {
            _nextHeartbeat = now + Configuration.HeartbeatInterval;
            await CallAsync<HeartbeatRequest, HeartbeatResponse>(connection, OcppAction.Heartbeat, new HeartbeatRequest(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendTriggeredAsync(string action, int? connectorId, CancellationToken cancellationToken)
    {
        if (_connection is not { } connection)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var targets = _connectors.Where(c => connectorId is null || c.ConnectorId == connectorId);
        switch (action)
        {
            case OcppAction.BootNotification:
                await BootAsync(connection, cancellationToken).ConfigureAwait(false);
                break;
            case OcppAction.Heartbeat:
                await CallAsync<HeartbeatRequest, HeartbeatResponse>(connection, OcppAction.Heartbeat, new HeartbeatRequest(), cancellationToken).ConfigureAwait(false);
                break;
            case OcppAction.StatusNotification:
                foreach (var connector in targets)
                {
                    await SendStatusAsync(connection, connector, now, cancellationToken).ConfigureAwait(false);
                }

                break;
            default:
                foreach (var connector in targets)
                {
                    await SendMeterValuesAsync(connection, connector, now, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    private static async Task SendStatusAsync(OcppRpcConnection connection, SimulatedOcppConnector connector, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = ToChargePointStatus(connector.Outlet.State);
        await CallAsync<StatusNotificationRequest, StatusNotificationResponse>(
            connection, OcppAction.StatusNotification,
            new StatusNotificationRequest(connector.ConnectorId, status == ChargePointStatus.Faulted ? "OtherError" : "NoError", status, Timestamp: now),
            cancellationToken).ConfigureAwait(false);
        connector.ReportedStatus = status;
    }

    private async Task SendMeterValuesAsync(OcppRpcConnection connection, SimulatedOcppConnector connector, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outlet = connector.Outlet;
        var wanted = Configuration.MeterValuesSampledData;
        var samples = new List<SampledValue> { new(Number(outlet.EnergyWh), Measurand: "Energy.Active.Import.Register", Unit: "Wh") };
        if (wanted.Contains("Current.Import", StringComparison.Ordinal))
        {
            samples.Add(new(Number(outlet.CurrentA.L1), Measurand: "Current.Import", Phase: "L1", Unit: "A"));
            samples.Add(new(Number(outlet.CurrentA.L2), Measurand: "Current.Import", Phase: "L2", Unit: "A"));
            samples.Add(new(Number(outlet.CurrentA.L3), Measurand: "Current.Import", Phase: "L3", Unit: "A"));
        }

        if (wanted.Contains("Current.Offered", StringComparison.Ordinal))
        {
            samples.Add(new(Number(outlet.OfferedA), Measurand: "Current.Offered", Unit: "A"));
        }

        await CallAsync<MeterValuesRequest, MeterValuesResponse>(
            connection, OcppAction.MeterValues, new MeterValuesRequest(connector.ConnectorId, [new MeterValue(now, samples)], connector.TransactionId), cancellationToken).ConfigureAwait(false);
    }

    private static Task<TResponse> CallAsync<TRequest, TResponse>(OcppRpcConnection connection, string action, TRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync(
            action,
            request,
            (System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest>)OcppJsonContext.Default.GetTypeInfo(typeof(TRequest))!,
            (System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResponse>)OcppJsonContext.Default.GetTypeInfo(typeof(TResponse))!,
            cancellationToken);

    private static string Number(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    private static ChargePointStatus ToChargePointStatus(ConnectorState state) => state switch
    {
        ConnectorState.Available => ChargePointStatus.Available,
        ConnectorState.CarConnected => ChargePointStatus.Preparing,
        ConnectorState.Charging => ChargePointStatus.Charging,
        ConnectorState.SuspendedByCar => ChargePointStatus.SuspendedEV,
        ConnectorState.SuspendedByController => ChargePointStatus.SuspendedEVSE,
        ConnectorState.Faulted => ChargePointStatus.Faulted,
        _ => ChargePointStatus.Unavailable,
    };
}
